import Ledger
import ObjectModel

extension ChangeRecord {
    /// The fields `history -o json` gives a revision, and an apply event, for its change record:
    /// `ticket` (text or null), `approvedBy` (array, empty when nobody), `emergency` (the reason,
    /// or null) and `selfApproved` (true when an approver is `author`, see
    /// ``ChangeRecord/isSelfApproved(author:)``). Always all four, so the schema is stable.
    func jsonFields(author: String) -> [String: JSONValue] {
        [
            "ticket": ticket.map { .string($0) } ?? .null,
            "approvedBy": .array(approvers.map { .string($0) }),
            "emergency": emergency.map { .string($0) } ?? .null,
            "selfApproved": .bool(isSelfApproved(author: author)),
        ]
    }

    /// One line for tables and `show`: `OPS-12; approved by bob, carol; self-approved;
    /// emergency: REASON`, each part only when set; "" for an empty record.
    func text(author: String) -> String {
        var parts: [String] = []
        if let ticket { parts.append(ticket) }
        if !approvers.isEmpty { parts.append("approved by " + approvers.joined(separator: ", ")) }
        if isSelfApproved(author: author) { parts.append("self-approved") }
        if let emergency { parts.append("emergency: " + emergency) }
        return parts.joined(separator: "; ")
    }
}

extension JSONValue {
    /// The object with `fields` added (replacing members of the same name); other values as they are.
    func merging(_ fields: [String: JSONValue]) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members.merge(fields) { _, new in new }
        return .object(members)
    }
}
