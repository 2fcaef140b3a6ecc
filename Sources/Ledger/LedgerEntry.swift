/// One thing a batch import writes, in order: a revision to record, or an event on its own (a
/// version that was skipped).
public enum LedgerEntry: Sendable, Hashable {
    /// A revision (or, when its content equals the latest, an `unchanged` event).
    case revision(RevisionDraft)
    /// An event only, such as an import that skipped an invalid version.
    case event(EventDraft)
}
