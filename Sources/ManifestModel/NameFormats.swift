/// The name and value formats of Kubernetes (`k8s.io/apimachinery/pkg/util/validation`), each
/// returning what is wrong, or `nil` when the text is valid.
public enum NameFormat {
    /// A DNS-1123 label: at most 63 lowercase alphanumerics or '-', alphanumeric at both ends.
    public static func dnsLabel(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if let count = longer(text, than: 63) { return "must be no more than 63 characters (is \(count))" }
        guard isLabelShape(text.utf8) else {
            return "must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character"
        }
        return nil
    }

    /// A DNS-1123 subdomain: at most 253 characters, dot-separated labels.
    public static func dnsSubdomain(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if let count = longer(text, than: 253) { return "must be no more than 253 characters (is \(count))" }
        guard text.utf8.split(separator: dot, omittingEmptySubsequences: false).allSatisfy(isLabelShape) else {
            return "must consist of lower case alphanumeric characters, '-' or '.', and start and end with an alphanumeric character"
        }
        return nil
    }

    /// A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.
    public static func labelValue(_ text: String) -> String? {
        if text.isEmpty { return nil }
        if let count = longer(text, than: 63) { return "must be no more than 63 characters (is \(count))" }
        guard isNameShape(text.utf8) else {
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
        if name.utf8.count > 63, name.count > 63 { return "name part must be no more than 63 characters" }
        guard isNameShape(name.utf8) else {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and start and end with an alphanumeric character"
        }
        return nil
    }

    /// An IANA service name, as Kubernetes requires for port names: at most 15 lowercase
    /// alphanumerics or '-', at least one letter, alphanumeric at both ends, no '--'.
    public static func portName(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if let count = longer(text, than: 15) { return "must be no more than 15 characters (is \(count))" }
        guard isLabelShape(text.utf8) else {
            return "must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character"
        }
        if zip(text.utf8, text.utf8.dropFirst()).contains(where: { $0 == UInt8(ascii: "-") && $1 == UInt8(ascii: "-") }) {
            return "must not contain consecutive hyphens"
        }
        guard text.utf8.contains(where: isLetter) else { return "must contain at least one letter" }
        return nil
    }

    /// An environment variable name (the portable rule): letters, digits, '_', '-' or '.', not
    /// starting with a digit.
    public static func envName(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        guard let first = text.utf8.first, !isDigit(first), text.utf8.allSatisfy({ isAlnum($0) || isNamePunctuation($0) }) else {
            return "must consist of letters, digits, '_', '-' or '.', and must not start with a digit"
        }
        return nil
    }

    /// A key of a Secret or ConfigMap: at most 253 alphanumerics, '-', '_' or '.'.
    public static func dataKey(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if longer(text, than: 253) != nil { return "must be no more than 253 characters" }
        guard text.utf8.allSatisfy({ isAlnum($0) || isNamePunctuation($0) }) else {
            return "must consist of alphanumeric characters, '-', '_' or '.'"
        }
        if text == "." || text == ".." { return "must not be '.' or '..'" }
        return nil
    }

    // Every format is ASCII, so bytes are checked rather than Characters (no Unicode tables);
    // a non-ASCII byte fails every check.

    private static let dot = UInt8(ascii: ".")

    /// The length in characters when it is over `limit`; bytes are counted first, as most are short.
    private static func longer(_ text: String, than limit: Int) -> Int? {
        guard text.utf8.count > limit else { return nil }
        let count = text.count
        return count > limit ? count : nil
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) }
    private static func isAlnum(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    private static func isNamePunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == dot
    }

    /// Alphanumerics, '-', '_' or '.', alphanumeric at both ends.
    private static func isNameShape<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
        return bytes.allSatisfy { isAlnum($0) || isNamePunctuation($0) }
    }

    /// Lowercase alphanumerics or '-', alphanumeric at both ends.
    private static func isLabelShape<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        let lowerAlnum: (UInt8) -> Bool = { isLower($0) || isDigit($0) }
        guard let first = bytes.first, let last = bytes.last, lowerAlnum(first), lowerAlnum(last) else { return false }
        return bytes.allSatisfy { lowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }
}

/// An int-or-percent value as Kubernetes reads it (`1`, `"10%"`).
public enum IntOrPercent: Sendable, Hashable {
    case int(Int64)
    case percent(Int64)

    /// Parses a manifest string: digits are an integer, digits followed by '%' a percentage.
    public init?(_ text: String) {
        if text.hasSuffix("%"), let value = Int64(text.dropLast()), value >= 0, text.utf8.dropLast().allSatisfy(NameFormat.isDigit) {
            self = .percent(value)
        } else if let value = Int64(text), text.utf8.allSatisfy(NameFormat.isDigit) {
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

extension String {
    /// True when a character is white space or `other`; ASCII text is read byte by byte.
    func containsWhitespace(or other: Character? = nil) -> Bool {
        if utf8.allSatisfy({ $0 < 0x80 }) {
            let extra = other?.asciiValue
            return utf8.contains { (0x09...0x0D).contains($0) || $0 == 0x20 || $0 == extra }
        }
        return contains { $0.isWhitespace || $0 == other }
    }
}
