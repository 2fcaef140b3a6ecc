import ObjectModel

/// The three ways `dsledger diff` prints changes.
public enum DiffFormat {
    /// Changes grouped per object, `old → new`, multi-line strings as line diffs; ANSI colours
    /// when `color` is true. `note` gives a line to print under a change (indented, dimmed), or nil.
    public static func human(_ changes: [Change], color: Bool, note: (Change) -> String? = { _ in nil }) -> String {
        let paint = Paint(enabled: color)
        var out = ""
        var current: ObjectIdentity?
        for change in changes {
            if change.path.isEmpty {
                let sign = change.kind == .added ? paint.green("+ ") : paint.red("- ")
                out += sign + paint.bold(change.object.title) + " (\(change.kind == .added ? "added" : "removed"))\n"
                current = nil
                continue
            }
            if change.object != current {
                out += paint.bold(change.object.title) + "\n"
                current = change.object
            }
            out += line(change, paint: paint)
            if let note = note(change) { out += "    " + paint.dim(note) + "\n" }
        }
        return out
    }

    private static func line(_ change: Change, paint: Paint) -> String {
        let path = change.path.description
        switch change.kind {
        case .secretChanged:
            let name = change.object.namespace.map { "\($0)/\(change.object.name)" } ?? change.object.name
            let key = change.path.lastMember ?? path
            return "  " + paint.yellow("secret changed: \(name) \(key) (\(text(change.old)) → \(text(change.new)))") + "\n"
        case .added:
            if case .string(let new)? = change.new, new.contains("\n") {
                return "  " + paint.green("+ \(path):") + "\n" + lineDiff(from: "", to: new, paint: paint)
            }
            return "  " + paint.green("+ \(path): \(text(change.new))") + "\n"
        case .removed:
            if case .string(let old)? = change.old, old.contains("\n") {
                return "  " + paint.red("- \(path):") + "\n" + lineDiff(from: old, to: "", paint: paint)
            }
            return "  " + paint.red("- \(path): \(text(change.old))") + "\n"
        case .reordered:
            return "  " + paint.yellow("↕ \(path): reordered (\(list(change.old)) → \(list(change.new)))") + "\n"
        case .changed:
            if case .string(let old)? = change.old, case .string(let new)? = change.new, old.contains("\n") || new.contains("\n") {
                return "  " + paint.yellow("~ \(path):") + "\n" + lineDiff(from: old, to: new, paint: paint)
            }
            // A string on one side only (`1` → `"10%"`): quote it, or `1` → `"1"` would read as no change.
            let typeChanged = (change.old?.stringValue == nil) != (change.new?.stringValue == nil)
            let old = typeChanged ? change.old.map(CanonicalJSON.compact) ?? "(none)" : text(change.old)
            let new = typeChanged ? change.new.map(CanonicalJSON.compact) ?? "(none)" : text(change.new)
            return "  " + paint.yellow("~ \(path): \(old) → \(new)") + "\n"
        }
    }

    /// The removed and added lines of a multi-line string, indented under its path.
    private static func lineDiff(from old: String, to new: String, paint: Paint) -> String {
        var out = ""
        for line in LineDiff.lines(from: LineDiff.split(old), to: LineDiff.split(new)) {
            switch line {
            case .same: continue
            case .removed(let text): out += "      " + paint.red("- \(text)") + "\n"
            case .added(let text): out += "      " + paint.green("+ \(text)") + "\n"
            }
        }
        return out
    }

    /// `{"from": A, "to": B, "changes": [...]}` — the documented, stable JSON format.
    public static func json(_ changes: [Change], from: Int, to: Int) -> String {
        CanonicalJSON.pretty(["from": .int(Int64(from)), "to": .int(Int64(to)), "changes": .array(jsonItems(changes))])
    }

    /// The `changes` items of the JSON format: `{"object", "path", "change", "old"?, "new"?}`.
    public static func jsonItems(_ changes: [Change]) -> [JSONValue] {
        changes.map { change in
            var item: [String: JSONValue] = [
                "object": .string(change.object.description), "path": .string(change.path.description),
                "change": .string(change.kind.rawValue),
            ]
            if let old = change.old { item["old"] = old }
            if let new = change.new { item["new"] = new }
            return .object(item)
        }
    }

    /// A value on one line: strings bare, everything else as compact JSON.
    public static func text(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        // A string may come from anyone (a live object, a manifest): its control characters are shown escaped.
        if case .string(let string) = value { return string.isEmpty ? "\"\"" : string.escapingControlCharacters }
        return CanonicalJSON.compact(value)
    }

    private static func list(_ value: JSONValue?) -> String {
        (value?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
    }
}

/// ANSI colours for terminal output, or none; shared by the diff and drift formats.
public struct Paint: Sendable {
    public let enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    private func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
