import Foundation
import ObjectModel

/// The two events of one apply or rollback: `started`, recorded before its first request to
/// the cluster, then its outcome. Both carry the same operation id in their detail; nothing is
/// ever updated, so an operation whose process was killed keeps only its `started` event.
///
/// The `started` event also says until when the operation may still be running: its lock (the
/// release's Lease) lapses by then unless the process is alive and renewing it. Before that
/// moment such an operation is `in-progress`; after it, `interrupted`. Neither is ever applied.
public enum ApplyOperation {
    /// The detail key of the operation id (a UUID), in the started event and in its outcome.
    public static let idKey = "operation"
    /// The detail key of the started event's deadline (RFC 3339): when the lock has expired if
    /// nobody renewed it.
    public static let inProgressUntilKey = "inProgressUntil"
    /// What `history` shows for a started operation with no outcome, before its deadline.
    public static let inProgress = "in-progress"
    /// What `history` shows for a started operation with no outcome, after its deadline.
    public static let interrupted = "interrupted"
}

extension Event {
    /// The operation id of an apply or rollback event; `nil` for events written before
    /// operations had ids, and for other kinds.
    public var operation: String? { draft.detail?[ApplyOperation.idKey]?.stringValue }

    /// For a `started` event: when its lock has expired unless renewed (`nil` when not recorded).
    public var inProgressUntil: Date? {
        draft.detail?[ApplyOperation.inProgressUntilKey]?.stringValue.flatMap(Timestamp.parse)
    }

    /// The outcome as `history` shows it at `now`, when this is the newest event of its operation:
    /// the stored outcome, except a `started` event (no outcome recorded), which is `in-progress`
    /// until ``inProgressUntil`` and `interrupted` after it (or when no deadline was recorded).
    public func shownOutcome(at now: Date) -> String {
        guard draft.outcome == .started else { return draft.outcome.rawValue }
        guard let until = inProgressUntil, now < until else { return ApplyOperation.interrupted }
        return ApplyOperation.inProgress
    }
}
