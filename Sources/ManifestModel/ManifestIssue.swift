import ObjectModel

/// One problem found in a manifest: what is wrong, at which field, where in the file.
public struct ManifestIssue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kind of problem, in the vocabulary of Kubernetes field errors.
    public enum Kind: String, Sendable, Hashable {
        case required, invalid, unsupported, duplicate, forbidden, tooLong, wrongType, unknownField, syntax
    }

    public var kind: Kind
    /// The field, as the user wrote its path; empty for problems with the whole document.
    public var path: FieldPath
    /// Where in the file, when known.
    public var location: SourceLocation?
    /// What is wrong, starting lower-case (`invalid value '-1'`).
    public var message: String
    /// What is allowed or what to do instead, when there is something to say.
    public var hint: String?

    public init(_ kind: Kind, _ path: FieldPath, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.path = path
        self.location = location
        self.message = Self.shortened(message)
        self.hint = hint
    }

    /// The message with each quoted value longer than 80 characters cut to its first 60 and its
    /// length (`'aaaa… (3000000 characters)'`), so a huge value does not become a huge error.
    static func shortened(_ message: String) -> String {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3, message.count > 100 else { return message }
        return parts.enumerated().map { index, part in
            guard index % 2 == 1, index < parts.count - 1, part.count > 80 else { return String(part) }
            return part.prefix(60) + "… (\(part.count) characters)"
        }.joined(separator: "'")
    }

    /// `<path>: <message>; <hint>` — the part after `file:line:column: error: `.
    public var description: String {
        var text = path.isEmpty ? message : "\(path): \(message)"
        if let hint { text += "; \(hint)" }
        return text
    }

    /// The full line for a file: `file:line:column: error: <path>: <message>; <hint>`.
    public func formatted(file: String, severity: String = "error") -> String {
        let place = location.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(severity): \(description)"
    }

    public static func < (lhs: ManifestIssue, rhs: ManifestIssue) -> Bool {
        let left = lhs.location ?? SourceLocation(line: 0, column: 0)
        let right = rhs.location ?? SourceLocation(line: 0, column: 0)
        if left != right { return left < right }
        return lhs.description.utf8Precedes(rhs.description)
    }
}

/// Every problem found in one manifest file, sorted by position.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as given on the command line (`-` is shown as `<stdin>`).
    public var file: String
    public var issues: [ManifestIssue]

    public init(file: String, issues: [ManifestIssue]) {
        self.file = file
        self.issues = issues.sorted()
    }

    /// One line per issue.
    public var description: String {
        issues.map { $0.formatted(file: file) }.joined(separator: "\n")
    }
}
