import Foundation
import ObjectModel

/// What an auditor asks of a change besides who made it and why: the ticket it answers, who
/// approved it, and, for a change made without a ticket where the ledger's policy requires one,
/// the reason it was an emergency.
///
/// Kept on the revision a command recorded, or on the events of a command that recorded no new
/// revision (an apply of the latest revision). Every part enters the chain only when set, so a
/// link recorded without one keeps its digest.
public struct ChangeRecord: Sendable, Hashable {
    /// The change ticket (`OPS-1234`), as given; `nil` when none was.
    public var ticket: String?
    /// Who approved the change, in the order given, each once; empty when nobody was named.
    public var approvers: [String]
    /// Why the change was made without a ticket where the policy requires one (`--emergency`);
    /// `nil` for an ordinary change.
    public var emergency: String?

    /// A record from what the user typed: each text trimmed, empty ones dropped, approvers
    /// named twice kept once.
    public init(ticket: String? = nil, approvers: [String] = [], emergency: String? = nil) {
        self.ticket = Self.trimmed(ticket)
        var seen: Set<String> = []
        self.approvers = approvers.compactMap(Self.trimmed).filter { seen.insert($0).inserted }
        self.emergency = Self.trimmed(emergency)
    }

    /// True when nothing was recorded: no ticket, no approver, no emergency.
    public var isEmpty: Bool { ticket == nil && approvers.isEmpty && emergency == nil }

    /// The approvers who are the change's author (compared as ``identity(_:)`` normalises both):
    /// a self-approved change has at least one.
    public func selfApprovers(author: String) -> [String] {
        let own = Self.identity(author)
        return approvers.filter { Self.identity($0).matches(own) }
    }

    /// True when an approver is the author.
    public func isSelfApproved(author: String) -> Bool { !selfApprovers(author: author).isEmpty }

    /// The chain fields of the record (`ticket`, `approvedBy`, `emergency`), each only when set.
    func addFields(into fields: inout [String: JSONValue]) {
        if let ticket { fields["ticket"] = .string(ticket) }
        if !approvers.isEmpty { fields["approvedBy"] = .array(approvers.map { .string($0) }) }
        if let emergency { fields["emergency"] = .string(emergency) }
    }

    private static func trimmed(_ text: String?) -> String? {
        guard let text = text.map({ String($0.trimmingWhitespace()) }), !text.isEmpty else { return nil }
        return text
    }

    /// A person as authors are recorded: `Ada Lovelace <ada@example.com>` (the git user),
    /// `ada@host` (`user@host`) or any text (`DSLEDGER_AUTHOR`). Compared case-insensitively, by
    /// the e-mail address inside `<…>` when there is one, else by the whole text.
    public struct Identity: Sendable, Hashable {
        /// The whole text, lower-cased and trimmed.
        public var text: String
        /// The address between `<` and `>`, lower-cased; `nil` when there is none.
        public var email: String?

        /// Two identities name one person when their texts are equal, or when one's address
        /// equals the other's address or whole text (`ada@example.com` approves for
        /// `Ada <ada@example.com>`).
        public func matches(_ other: Identity) -> Bool {
            if text == other.text { return true }
            let mine = email ?? text
            let theirs = other.email ?? other.text
            return mine == theirs
        }
    }

    /// The normalised identity of an author or approver.
    public static func identity(_ text: String) -> Identity {
        let lowered = text.trimmingWhitespace().lowercased()
        guard let open = lowered.lastIndex(of: "<"), let close = lowered.lastIndex(of: ">"), open < close else {
            return Identity(text: lowered, email: nil)
        }
        let email = String(lowered[lowered.index(after: open)..<close].trimmingWhitespace())
        return Identity(text: lowered, email: email.isEmpty ? nil : email)
    }
}
