import ObjectModel

/// The drift of one release: every difference between the objects of the applied revision and
/// the live cluster (or a saved copy of it).
///
/// Empty `items` means the cluster matches what was applied. Items are sorted by object, then
/// in field order.
public struct DriftReport: Sendable, Hashable {
    /// `namespace/name` of the release; `nil` for an offline comparison of two files.
    public var release: String?
    /// The revision the comparison was made against; `nil` offline.
    public var revision: Int?
    /// What the live DaemonSet's annotations say about the revision it carries, when it has any.
    public var liveRevision: LiveRevision?
    /// The differences, sorted by object, then in field order.
    public var items: [DriftItem]
    /// A finding of its own: the live DaemonSet's annotations name a link the ledger does not
    /// have (``LiveRevision/unknownLink(inLedger:)``); `nil` when the ledger has it or it was
    /// not checked (offline).
    public var unknownLink: String?

    /// A report.
    public init(release: String? = nil, revision: Int? = nil, liveRevision: LiveRevision? = nil, items: [DriftItem],
                unknownLink: String? = nil) {
        self.release = release
        self.revision = revision
        self.liveRevision = liveRevision
        self.items = items
        self.unknownLink = unknownLink
    }

    /// True when nothing drifted and the live annotations name a link the ledger has.
    public var isClean: Bool { items.isEmpty && unknownLink == nil }
}
