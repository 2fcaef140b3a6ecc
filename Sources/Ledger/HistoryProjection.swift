import Foundation
import ObjectModel

/// The JSON of a revision and of a cluster event as `history -o json` prints them and the audit
/// report's JSON embeds them: one projection, documented in docs/history.md.
public enum HistoryProjection {
    /// A revision's members (`revision`, `createdAt`, `action`, `author`, `images`, `strategy`,
    /// digests, the change record…), with `changes`, the one-line summary of what it changed, and
    /// `lint`, its lint findings (`[{rule, severity, path}]`, `[]` when clean; absent when none
    /// were recorded).
    public static func json(_ revision: Revision, changes: String) -> JSONValue {
        let metadata = revision.metadata
        let summary = revision.summary
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        let item: JSONValue = [
            "revision": .int(Int64(revision.number)),
            "createdAt": .string(Timestamp.format(metadata.createdAt)),
            "sourceTime": metadata.sourceTime.map { .string(Timestamp.format($0)) } ?? .null,
            "action": .string(metadata.action.rawValue),
            "author": .string(metadata.author),
            "message": optional(metadata.message),
            "sourceFile": optional(metadata.sourceFile),
            "toolVersion": .string(metadata.toolVersion),
            "images": .array(summary.images.map { .string($0) }),
            "strategy": [
                "type": optional(summary.strategyType), "maxUnavailable": optional(summary.maxUnavailable),
                "maxSurge": optional(summary.maxSurge), "minReadySeconds": summary.minReadySeconds.map { .int($0) } ?? .null,
            ],
            "contentDigest": .string(revision.contentDigest),
            "chainDigest": .string(revision.chainDigest),
            "restoredFrom": metadata.restoredFrom.map { .int(Int64($0)) } ?? .null,
            "changes": .string(changes),
            "origin": optional(metadata.origin),
            "partial": .bool(metadata.partial),
        ]
        var fields = metadata.change.jsonFields(author: metadata.author)
        if let lint = metadata.lint { fields["lint"] = LintRecord.json(lint) }
        return item.merging(fields)
    }

    /// A cluster event: `kind`, `outcome` as shown at `now` (``Event/shownOutcome(at:)``),
    /// `context`, `server`, `at`, and the event's change record.
    public static func json(_ event: Event, at now: Date) -> JSONValue {
        let item: JSONValue = [
            "outcome": .string(event.shownOutcome(at: now)), "kind": .string(event.draft.kind.rawValue),
            "context": event.draft.cluster.map { .string($0.context) } ?? .null,
            "server": event.draft.cluster.map { .string($0.server) } ?? .null,
            "at": .string(Timestamp.format(event.draft.createdAt)),
        ]
        return item.merging(event.draft.change.jsonFields(author: event.draft.author))
    }
}

extension ChangeRecord {
    /// `ticket` (text or null), `approvedBy` (array, empty when nobody), `emergency` (the reason,
    /// or null) and `selfApproved` (true when an approver is `author`, see
    /// ``ChangeRecord/isSelfApproved(author:)``). Always all four, so the schema is stable.
    public func jsonFields(author: String) -> [String: JSONValue] {
        [
            "ticket": ticket.map { .string($0) } ?? .null,
            "approvedBy": .array(approvers.map { .string($0) }),
            "emergency": emergency.map { .string($0) } ?? .null,
            "selfApproved": .bool(isSelfApproved(author: author)),
        ]
    }

    /// One line for tables and `show`: `OPS-12; approved by bob, carol; self-approved;
    /// emergency: REASON`, each part only when set; "" for an empty record.
    public func text(author: String) -> String {
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
    public func merging(_ fields: [String: JSONValue]) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members.merge(fields) { _, new in new }
        return .object(members)
    }
}
