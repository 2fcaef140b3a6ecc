/// One thing a batch import writes, in order: a revision to record, or an event on its own (a
/// version that was skipped).
public enum LedgerEntry: Sendable, Hashable {
    /// A revision (or, when its content equals the latest, an `unchanged` event).
    case revision(RevisionDraft)
    /// An event only, such as an import that skipped an invalid version.
    case event(EventDraft)
    /// A revision copied from another ledger as it was recorded there (`ledger copy`): its
    /// number, time and chain digest are kept, and must continue the release's chain.
    case copiedRevision(RevisionDraft, number: Int, chainDigest: String)
    /// An event copied from another ledger, with its own time.
    case copiedEvent(EventDraft)

    /// The release the entry is about.
    public var release: ReleaseID {
        switch self {
        case .revision(let draft), .copiedRevision(let draft, _, _): return draft.release
        case .event(let event), .copiedEvent(let event): return event.release
        }
    }
}
