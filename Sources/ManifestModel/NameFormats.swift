/// The name and value formats of Kubernetes (`k8s.io/apimachinery/pkg/util/validation`), each
/// returning what is wrong, or `nil` when the text is valid.
public enum NameFormat {
    /// A DNS-1123 label: at most 63 lowercase alphanumerics or '-', alphanumeric at both ends.
    public static func dnsLabel(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.count > 63 { return "must be no more than 63 characters (is \(text.count))" }
        guard isLabelShape(text) else {
            return "must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character"
        }
        return nil
    }

    /// A DNS-1123 subdomain: at most 253 characters, dot-separated labels.
    public static func dnsSubdomain(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.count > 253 { return "must be no more than 253 characters (is \(text.count))" }
        guard text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isLabelShape(String($0)) }) else {
            return "must consist of lower case alphanumeric characters, '-' or '.', and start and end with an alphanumeric character"
        }
        return nil
    }

    /// A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.
    public static func labelValue(_ text: String) -> String? {
        if text.isEmpty { return nil }
        if text.count > 63 { return "must be no more than 63 characters (is \(text.count))" }
        guard isAlnum(text.first!), isAlnum(text.last!), text.allSatisfy({ isAlnum($0) || "-_.".contains($0) }) else {
            return "must consist of alphanumeric characters, '-', '_' or '.', and start and end with an alphanumeric character"
        }
        return nil
    }

    /// A qualified name (label or annotation key): an optional DNS subdomain prefix and '/', then
    /// a name of at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.
    public static func qualifiedName(_ text: String) -> String? {
        var name = Substring(text)
        if let slash = text.firstIndex(of: "/") {
            let prefix = String(text[..<slash])
            if let problem = dnsSubdomain(prefix) { return "prefix '\(prefix)' \(problem)" }
            name = text[text.index(after: slash)...]
        }
        if name.isEmpty { return "name part must not be empty" }
        if name.count > 63 { return "name part must be no more than 63 characters" }
        guard isAlnum(name.first!), isAlnum(name.last!), name.allSatisfy({ isAlnum($0) || "-_.".contains($0) }) else {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and start and end with an alphanumeric character"
        }
        return nil
    }

    /// An IANA service name, as Kubernetes requires for port names: at most 15 lowercase
    /// alphanumerics or '-', at least one letter, alphanumeric at both ends, no '--'.
    public static func portName(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.count > 15 { return "must be no more than 15 characters (is \(text.count))" }
        guard isLabelShape(text) else {
            return "must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character"
        }
        if text.contains("--") { return "must not contain consecutive hyphens" }
        guard text.contains(where: { $0.isLetter }) else { return "must contain at least one letter" }
        return nil
    }

    /// An environment variable name (the portable rule): letters, digits, '_', '-' or '.', not
    /// starting with a digit.
    public static func envName(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        guard let first = text.first, !first.isNumber,
            text.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-_.".contains($0) })
        else {
            return "must consist of letters, digits, '_', '-' or '.', and must not start with a digit"
        }
        return nil
    }

    /// A key of a Secret or ConfigMap: at most 253 alphanumerics, '-', '_' or '.'.
    public static func dataKey(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.count > 253 { return "must be no more than 253 characters" }
        guard text.allSatisfy({ isAlnum($0) || "-_.".contains($0) }) else {
            return "must consist of alphanumeric characters, '-', '_' or '.'"
        }
        if text == "." || text == ".." { return "must not be '.' or '..'" }
        return nil
    }

    private static func isAlnum(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    private static func isLabelShape(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        let lowerAlnum: (Character) -> Bool = { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        return lowerAlnum(first) && lowerAlnum(last) && text.allSatisfy { lowerAlnum($0) || $0 == "-" }
    }
}

/// An int-or-percent value as Kubernetes reads it (`1`, `"10%"`).
public enum IntOrPercent: Sendable, Hashable {
    case int(Int64)
    case percent(Int64)

    /// Parses a manifest string: digits are an integer, digits followed by '%' a percentage.
    public init?(_ text: String) {
        if text.hasSuffix("%"), let value = Int64(text.dropLast()), value >= 0, text.dropLast().allSatisfy(\.isNumber) {
            self = .percent(value)
        } else if let value = Int64(text), text.allSatisfy(\.isNumber) {
            self = .int(value)
        } else {
            return nil
        }
    }

    /// True for `0` and `0%`.
    public var isZero: Bool {
        switch self {
        case .int(let value), .percent(let value): return value == 0
        }
    }
}
