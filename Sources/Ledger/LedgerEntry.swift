/// One thing a batch import writes, in order: a revision to record, or an event on its own (a
/// version that was skipped).
public enum LedgerEntry: Sendable, Hashable {
    /// A revision (or, when its content equals the latest, an `unchanged` event).
    case revision(RevisionDraft)
    /// An event only, such as an import that skipped an invalid version.
    case event(EventDraft)
    /// A revision copied from another ledger as it was recorded there (`ledger copy`): its
    /// number, time, chain digest and position (nil for a plain link) are kept, and must
    /// continue the release's chain.
    case copiedRevision(RevisionDraft, number: Int, chainDigest: String, position: Int?)
    /// An event copied from another ledger, with its own time, position and chain digest (nil
    /// for an event written before events were links).
    case copiedEvent(EventDraft, position: Int?, chainDigest: String?)

    /// The release the entry is about.
    public var release: ReleaseID {
        switch self {
        case .revision(let draft), .copiedRevision(let draft, _, _, _): return draft.release
        case .event(let event), .copiedEvent(let event, _, _): return event.release
        }
    }
}
