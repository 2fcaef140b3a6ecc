/// The head of one release's chain: its latest link, and how many revisions and events the chain holds.
/// A checkpoint records these; `verify --checkpoint` checks the ledger still extends them.
public struct ChainHead: Sendable, Hashable {
    /// The release.
    public var release: ReleaseID
    /// The position of the latest link (links are numbered from 1 over revisions and events, in the order written).
    public var position: Int
    /// The chain digest of that link, lowercase hex.
    public var digest: String
    /// How many revisions the release has.
    public var revisions: Int
    /// How many events the release has.
    public var events: Int

    public init(release: ReleaseID, position: Int, digest: String, revisions: Int, events: Int) {
        self.release = release
        self.position = position
        self.digest = digest
        self.revisions = revisions
        self.events = events
    }
}
