import Ledger
import ObjectModel

/// How a ``ChangeRecord`` is kept in the `ticket`, `approvedBy` and `emergency` columns of
/// `revision` and `event`, the same way in every store: text, the approvers as a JSON array,
/// each column NULL when its part is absent.
package enum ChangeColumns {
    /// The `approvedBy` column: a compact JSON array, or `nil` when nobody approved.
    package static func approvers(_ record: ChangeRecord) -> String? {
        record.approvers.isEmpty ? nil : CanonicalJSON.compact(.array(record.approvers.map { .string($0) }))
    }

    /// The record the three columns hold.
    package static func record(ticket: String?, approvedBy: String?, emergency: String?) -> ChangeRecord {
        let approvers = approvedBy.flatMap { try? JSONValue(parsingJSON: $0) }?.arrayValue?.compactMap(\.stringValue) ?? []
        return ChangeRecord(ticket: ticket, approvers: approvers, emergency: emergency)
    }
}
