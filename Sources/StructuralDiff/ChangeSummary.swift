import ObjectModel

/// A one-line summary of a revision's changes, for `history`:
/// `image 3.1.8 → 3.1.9; maxUnavailable 1 → 10%; secret ES_PASSWORD changed`.
public enum ChangeSummary {
    public static func line(_ changes: [Change]) -> String {
        var parts: [String] = []
        var others = 0
        for change in changes {
            if let part = describe(change), !parts.contains(part) { parts.append(part) } else { others += 1 }
        }
        if others > 0 { parts.append("\(others) other change" + (others == 1 ? "" : "s")) }
        return parts.isEmpty ? "no change" : parts.joined(separator: "; ")
    }

    private static func describe(_ change: Change) -> String? {
        let object = change.object
        if change.path.isEmpty {
            return (change.kind == .added ? "+" : "-") + "\(object.kind) \(object.name)"
        }
        let path = change.path.description
        let field = change.path.lastMember ?? ""
        switch change.kind {
        case .secretChanged:
            return "secret \(field) changed"
        case .changed where field == "image":
            return "image " + images(change.old, change.new)
        case .changed where ["maxUnavailable", "maxSurge", "minReadySeconds"].contains(field):
            return "\(field) \(DiffFormat.text(change.old)) → \(DiffFormat.text(change.new))"
        case .changed where path == "spec.updateStrategy.type":
            return "strategy \(DiffFormat.text(change.old)) → \(DiffFormat.text(change.new))"
        case .added where ["maxUnavailable", "maxSurge", "minReadySeconds", "updateStrategy", "rollingUpdate"].contains(field):
            return "\(field) set"
        default:
            break
        }
        if object.kind == "ConfigMap" { return "ConfigMap \(object.name) changed" }
        if object.kind == "Secret", path.hasPrefix("data") {
            return "secret \(field) " + (change.kind == .added ? "added" : change.kind == .removed ? "removed" : "changed")
        }
        if let envName = envName(change.path) {
            return "env \(envName) " + (change.kind == .added ? "added" : change.kind == .removed ? "removed" : "changed")
        }
        return nil
    }

    /// `3.1.8 → 3.1.9` when only the tag changed, else the whole references.
    private static func images(_ old: JSONValue?, _ new: JSONValue?) -> String {
        let before = old?.stringValue ?? "", after = new?.stringValue ?? ""
        let split: (String) -> (Substring, Substring) = { reference in
            guard let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") else { return (Substring(reference), "") }
            return (reference[..<colon], reference[reference.index(after: colon)...])
        }
        let (oldRepo, oldTag) = split(before), (newRepo, newTag) = split(after)
        return oldRepo == newRepo ? "\(oldTag) → \(newTag)" : "\(before) → \(after)"
    }

    private static func envName(_ path: FieldPath) -> String? {
        var sawEnv = false
        for segment in path.segments {
            if case .field("env") = segment { sawEnv = true; continue }
            if sawEnv, case .keyed("name", let name) = segment { return name }
        }
        return nil
    }
}
