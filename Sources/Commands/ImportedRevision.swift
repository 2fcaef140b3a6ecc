import Ledger
import ObjectModel

/// How commands show imported and partial revisions: the origin in `history`, and what a
/// partial revision lacks in `diff` and `regenerate`, said plainly instead of invented.
enum ImportedRevision {
    /// `import (git abc1234)`, `import (cluster agent-5d8f…)`, `rollback (from 3)`, `render`.
    static func action(_ revision: Revision) -> String {
        var action = revision.metadata.action.rawValue
        if let from = revision.metadata.restoredFrom { action += " (from \(from))" }
        if let origin = revision.metadata.origin.flatMap(RevisionOrigin.init) { action += " (\(origin))" }
        return action
    }

    /// What a partial revision does not hold; `nil` for a whole one.
    static func missing(_ revision: Revision, objects: [JSONValue]) -> String? {
        guard revision.metadata.partial else { return nil }
        let source = revision.metadata.origin.flatMap(RevisionOrigin.init).map { " (from \($0))" } ?? ""
        let strategyKnown = objects.contains { $0.value(atMemberPath: "spec.updateStrategy") != nil }
        let lacking = (strategyKnown ? [] : ["update strategy"]) + ["Secrets", "ConfigMaps", "ServiceAccount", "RBAC"]
        return "revision \(revision.number) was imported from the cluster\(source) and holds only the DaemonSet; "
            + "its \(list(lacking)) were not recorded"
    }

    /// The two sides restricted to what both hold when either is partial: only the objects the
    /// partial side has, and in them only the members it has, so nothing missing shows as removed.
    static func comparable(_ old: [JSONValue], _ new: [JSONValue], oldPartial: Bool, newPartial: Bool) -> ([JSONValue], [JSONValue]) {
        guard oldPartial || newPartial else { return (old, new) }
        let kinds = Set((oldPartial ? old : new).compactMap { $0["kind"]?.stringValue })
        let left = old.filter { kinds.contains($0["kind"]?.stringValue ?? "") }
        let right = new.filter { kinds.contains($0["kind"]?.stringValue ?? "") }
        return (left.map { restricted($0, like: counterpart($0, in: right)) }, right.map { restricted($0, like: counterpart($0, in: left)) })
    }

    private static func counterpart(_ object: JSONValue, in others: [JSONValue]) -> JSONValue? {
        others.first { $0["kind"] == object["kind"] && $0.value(atMemberPath: "metadata.name") == object.value(atMemberPath: "metadata.name") }
    }

    /// `object` with only the `metadata` and `spec` members `other` also has.
    private static func restricted(_ object: JSONValue, like other: JSONValue?) -> JSONValue {
        guard let other else { return object }
        var copy = object
        for section in ["metadata", "spec"] {
            guard case .object(var members)? = copy[section], let keep = other[section]?.objectValue else { continue }
            for key in members.keys where keep[key] == nil { members[key] = nil }
            copy[section] = .object(members)
        }
        return copy
    }

    private static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
