import KubernetesRules
import ObjectModel

/// One group of validation rules over a decoded manifest.
///
/// Rules never stop at the first problem: each appends every issue it finds.
protocol ValidationRule: Sendable {
    func check(_ manifest: Manifest, into issues: inout Issues)
}

/// The issues found so far, with shorthands for the common messages.
struct Issues {
    var all: [ManifestIssue] = []

    mutating func add(_ kind: ManifestIssue.Kind, _ path: FieldPath, _ location: SourceLocation?,
                      _ message: String, hint: String? = nil) {
        all.append(ManifestIssue(kind, path, at: location, message, hint: hint))
    }

    /// "required value" for a field left out of `origin`'s object.
    mutating func required(_ field: String, in origin: Origin, hint: String? = nil) {
        add(.required, origin.path(of: field), origin.location, "required value", hint: hint)
    }

    /// A field that must be one of `allowed` (an empty string allowed when `allowsEmpty`).
    mutating func oneOf(_ value: Located<String>?, _ allowed: [String], allowsEmpty: Bool = true) {
        guard let value, !(allowsEmpty && value.value.isEmpty), !allowed.contains(value.value) else { return }
        add(.unsupported, value.path, value.location, "unsupported value '\(value.value)'", hint: Self.useOneOf(allowed))
    }

    /// `use 'A'`, or `use one of 'A', 'B'`.
    static func useOneOf(_ allowed: [String]) -> String {
        allowed.count == 1 ? "use '\(allowed[0])'" : "use one of " + allowed.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// Applies a ``NameFormat`` check.
    mutating func format(_ value: Located<String>?, _ check: (String) -> String?, hint: String? = nil) {
        guard let value, let problem = check(value.value) else { return }
        // Echoing '' adds nothing: an empty value is simply missing.
        if value.value.isEmpty { return add(.required, value.path, value.location, "must not be empty", hint: hint) }
        add(.invalid, value.path, value.location, "invalid value '\(value.value)': \(problem)", hint: hint)
    }

    /// A non-empty string field.
    mutating func nonEmpty(_ value: Located<String>?, _ field: String, in origin: Origin) {
        if let value {
            if value.value.isEmpty { add(.required, value.path, value.location, "must not be empty") }
        } else {
            required(field, in: origin)
        }
    }

    /// An integer in a range.
    mutating func range(_ value: Located<Int64>?, _ range: ClosedRange<Int64>, hint: String? = nil) {
        guard let value, !range.contains(value.value) else { return }
        add(.invalid, value.path, value.location, "invalid value \(value.value)",
            hint: hint ?? "use a number from \(range.lowerBound) to \(range.upperBound)")
    }

    /// Every value that appears more than once under `key`.
    mutating func unique<T>(_ items: [T], key: (T) -> Located<String>?, what: String) {
        var seen: [String: Located<String>] = [:]
        for item in items {
            guard let value = key(item) else { continue }
            if let first = seen[value.value] {
                add(.duplicate, value.path, value.location, "duplicate \(what) '\(value.value)'",
                    hint: "already used at \(first.path) (\(first.location))")
            } else {
                seen[value.value] = value
            }
        }
    }

    /// True when a '/'-separated segment of `path` is '..'; read on bytes, as the paths are ASCII
    /// and most are checked and found fine.
    static func hasParentSegment(_ path: String) -> Bool {
        var length = 0
        var dots = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if dots, length == 2 { return true }
                length = 0
                dots = true
            } else {
                length += 1
                dots = dots && byte == UInt8(ascii: ".")
            }
        }
        return dots && length == 2
    }

    /// An absolute path without '..' segments.
    mutating func absolutePath(_ value: Located<String>?) {
        guard let value else { return }
        if !value.value.hasPrefix("/") {
            add(.invalid, value.path, value.location, "invalid value '\(value.value)': must be an absolute path",
                hint: "start it with '/'")
        } else if Self.hasParentSegment(value.value) {
            add(.invalid, value.path, value.location, "invalid value '\(value.value)': must not contain '..'")
        }
    }

    /// A relative path without '..' segments.
    mutating func relativePath(_ value: Located<String>?) {
        guard let value, !value.value.isEmpty else { return }
        if value.value.hasPrefix("/") {
            add(.invalid, value.path, value.location, "invalid value '\(value.value)': must be a relative path")
        } else if Self.hasParentSegment(value.value) {
            add(.invalid, value.path, value.location, "invalid value '\(value.value)': must not contain '..'")
        }
    }

    /// A resource quantity.
    mutating func quantity(_ value: Located<String>?) {
        guard let value else { return }
        if let quantity = Quantity(value.value) {
            if quantity.isNegative {
                add(.invalid, value.path, value.location, "invalid value '\(value.value)': must not be negative")
            }
        } else {
            add(.invalid, value.path, value.location, "invalid quantity '\(value.value)'",
                hint: "use a number with an optional suffix such as '500m', '1', '256Mi' or '1Gi'")
        }
    }
}
