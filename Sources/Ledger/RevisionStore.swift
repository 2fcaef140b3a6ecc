import Foundation
import ObjectModel

/// Where revisions and events are kept: the one interface commands use, whatever the database
/// (the SQLite file or the PostgreSQL team ledger). The ledger's rules (numbering, unchanged
/// detection, digests, the chain, deltas) are applied once above the stores, which only
/// persist and query; every store behaves the same. Implementations make each `record` call
/// atomic: after a crash or a dropped connection its revisions are there whole or not at all.
///
/// The interface is asynchronous: PostgreSQL is reached over the network (postgres-nio is
/// asynchronous), and SQLite's work runs on its own dispatch queues (GRDB), so no store blocks
/// an event loop or a thread of Swift's cooperative pool while it waits.
public protocol RevisionStore: Sendable {
    /// Where the ledger is, for messages: the file's path, or the URL without a password.
    var location: String { get }

    /// Records revisions and events in order, all in one transaction: each draft as a new
    /// revision numbered after its release's latest one, or, when its content equals the
    /// latest revision's, as an `unchanged` event only. Concurrent writers of one release queue.
    /// Every revision and event becomes the next link of its release's chain, keyed with `chainKey`.
    /// - Returns: one outcome per entry, `nil` for events.
    func record(entries: [LedgerEntry], chainKey: ChainKey) async throws(StoreError) -> [RecordOutcome?]

    /// Events of a release, newest first, at most `limit`; only of `kinds` when not empty.
    func events(of release: ReleaseID, kinds: [EventKind], limit: Int) async throws(StoreError) -> [Event]

    /// The revision last applied (by `apply` or `rollback`, with an outcome of
    /// ``EventOutcome/applied``) to a cluster: its API server and context both match.
    func lastApplied(of release: ReleaseID, cluster: ClusterTarget) async throws(StoreError) -> Int?

    /// For each of `revisions` that was ever applied or rolled back to: its newest cluster event.
    func deployments(of release: ReleaseID, revisions: [Int]) async throws(StoreError) -> [Int: Event]

    /// Every release applied to `cluster` (server and context), with the revision applied last, by release.
    func releasesApplied(to cluster: ClusterTarget) async throws(StoreError) -> [AppliedRelease]

    /// Revisions newest first, at most `limit`, below `before` when given.
    func revisions(of release: ReleaseID, limit: Int, before: Int?) async throws(StoreError) -> [Revision]

    /// A page of the revisions `query` selects, at most `limit`, after `cursor` when given: of
    /// one release by number, newest first; of every release newest first by recording time
    /// (then by release and number, for revisions recorded in the same millisecond).
    func revisions(matching query: RevisionQuery, limit: Int, after cursor: RevisionCursor?) async throws(StoreError) -> [Revision]

    /// Every release with a revision recorded by `moment` (every release when `nil`), sorted by
    /// namespace and name: its latest revision then, and the revision last applied to each
    /// cluster by then (an apply or rollback with an outcome of ``EventOutcome/applied``).
    func releaseStates(at moment: Date?) async throws(StoreError) -> [ReleaseState]

    /// One revision.
    func revision(of release: ReleaseID, number: Int) async throws(StoreError) -> Revision?

    /// The sealed objects of a revision, in apply order.
    func objects(of release: ReleaseID, number: Int) async throws(StoreError) -> [JSONValue]

    /// Which objects of each revision in `numbers` that exists, by digest, in apply order (no
    /// bodies read; blame walks thousands of revisions in one read).
    func objectReferences(of release: ReleaseID, numbers: ClosedRange<Int>) async throws(StoreError) -> [Int: [ObjectReference]]

    /// Stored objects by digest; digests not found are left out.
    func objects(withDigests digests: [String]) async throws(StoreError) -> [String: JSONValue]

    /// The sealed manifest of a revision.
    func spec(of release: ReleaseID, number: Int) async throws(StoreError) -> JSONValue

    /// The secret hashes of a revision.
    func secretHashes(of release: ReleaseID, number: Int) async throws(StoreError) -> [SecretHash]

    /// Every release, sorted by namespace and name.
    func releases() async throws(StoreError) -> [ReleaseID]

    /// The namespaces holding a release of this name, sorted.
    func namespaces(ofReleaseNamed name: String) async throws(StoreError) -> [String]

    /// The origins (`git:<commit>`, `cluster:<name>`) starting with `prefix` that a release has
    /// already seen, as revisions or as import events (skipped or unchanged versions).
    func origins(of release: ReleaseID, prefix: String) async throws(StoreError) -> Set<String>

    /// True when the store holds at least one revision.
    func hasRevisions() async throws(StoreError) -> Bool

    /// Every stored object, rebuilt, in the order stored: for audits and tests that must see
    /// through compression (a byte scan of the database cannot read deflated bodies).
    func everyObject() async throws(StoreError) -> [JSONValue]

    /// The ledger's settings (`hmac-key-id`, `oldest-writer`), by name.
    func settings() async throws(StoreError) -> [String: String]

    /// Stores a setting unless it is set already, and returns the value in force (another
    /// writer may have set it first).
    func adoptSetting(_ name: String, value: String) async throws(StoreError) -> String

    /// Checks the whole store: the database's integrity, every stored object (with
    /// ``VerificationScope/everything``), and each release's chain. Keyed links are recomputed
    /// with `chainKey`; without it, everything but their digests is checked
    /// (``LedgerVerification/linksChecked`` is false).
    func verify(chainKey: ChainKey?, scope: VerificationScope) async throws(StoreError) -> LedgerVerification

    /// Checks one release's chain up to and including revision `number`'s link: the links
    /// before it (revisions and events), numbering, positions, and each revision's content
    /// digest as recorded. Stored object bodies are not read: rollback and regenerate rebuild
    /// and check the objects they use themselves. Cheap enough to run before every use.
    func verifyChain(of release: ReleaseID, upTo number: Int, chainKey: ChainKey?) async throws(StoreError) -> ChainVerdict

    /// The head of every release's chain, sorted by release.
    func chainHeads() async throws(StoreError) -> [ChainHead]

    /// The chain digest of a release's link at `position`, nil when the release has no such link.
    func linkDigest(of release: ReleaseID, at position: Int) async throws(StoreError) -> String?

    /// Ends the store's connections. Using the store afterwards is an error.
    func close() async
}

extension RevisionStore {
    /// Records drafts only (see ``record(entries:chainKey:)``).
    public func record(_ drafts: [RevisionDraft], chainKey: ChainKey) async throws(StoreError) -> [RecordOutcome] {
        try await record(entries: drafts.map(LedgerEntry.revision), chainKey: chainKey).compactMap { $0 }
    }

    /// Checks everything (``verify(chainKey:scope:)`` with ``VerificationScope/everything``).
    public func verify(chainKey: ChainKey?) async throws(StoreError) -> LedgerVerification {
        try await verify(chainKey: chainKey, scope: .everything)
    }

    /// Adds an event, the next link of its release's chain.
    public func recordEvent(_ event: EventDraft, chainKey: ChainKey) async throws(StoreError) {
        _ = try await record(entries: [.event(event)], chainKey: chainKey)
    }

    /// Which objects a revision holds, by digest, in apply order (no bodies read).
    public func objectReferences(of release: ReleaseID, number: Int) async throws(StoreError) -> [ObjectReference] {
        try await objectReferences(of: release, numbers: number...number)[number] ?? []
    }
}

/// One thing `verify` found wrong, naming the first revision it affects.
public struct VerificationProblem: Sendable, Hashable, CustomStringConvertible {
    public var release: ReleaseID?
    public var revision: Int?
    public var message: String

    public init(release: ReleaseID?, revision: Int?, message: String) {
        self.release = release
        self.revision = revision
        self.message = message
    }

    public var description: String {
        guard let release else { return message }
        guard let revision else { return "\(release): \(message)" }
        return "\(release) revision \(revision): \(message)"
    }
}

/// A stored object's identity and digest, without its body.
public struct ObjectReference: Sendable, Hashable {
    /// Which object it is.
    public var identity: ObjectIdentity
    /// The digest its body is stored under.
    public var digest: String

    /// A reference to the object `identity` stored under `digest`.
    public init(_ identity: ObjectIdentity, digest: String) {
        self.identity = identity
        self.digest = digest
    }

    /// A reference from the columns a store reads.
    public init(apiVersion: String, kind: String, namespace: String?, name: String, digest: String) {
        self.init(ObjectIdentity(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name), digest: digest)
    }
}

/// A release and the revision last applied to a cluster.
public struct AppliedRelease: Sendable, Hashable {
    public var release: ReleaseID
    public var revision: Int

    public init(release: ReleaseID, revision: Int) {
        self.release = release
        self.revision = revision
    }
}
