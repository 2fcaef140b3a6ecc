/// An RFC 6901 JSON pointer such as `/metadata/labels/app.kubernetes.io~1name` or
/// `/spec/template/spec/containers/0`: `~1` stands for `/` and `~0` for `~` inside a token.
struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens; empty for the whole document.
    var tokens: [String]
    /// The pointer as written.
    var description: String

    /// Parses a pointer; throws for text that does not start with `/` (other than "") or
    /// holds a `~` not followed by `0` or `1`.
    init(_ text: String) throws(JSONPatchError) {
        description = text
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw JSONPatchError.failed("JSON pointer '\(text)' does not start with '/'") }
        var parsed: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = Self.unescaped(raw) else { throw JSONPatchError.failed("JSON pointer '\(text)' has an invalid '~' escape") }
            parsed.append(token)
        }
        tokens = parsed
    }

    /// Whether `self` points strictly inside `other`'s target.
    func isInside(_ other: JSONPointer) -> Bool {
        tokens.count > other.tokens.count && Array(tokens.prefix(other.tokens.count)) == other.tokens
    }

    private static func unescaped(_ raw: Substring) -> String? {
        var result = ""
        var iterator = raw.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: return nil
            }
        }
        return result
    }

    /// An array index token: `0` or digits without a leading zero.
    static func index(_ token: String) -> Int? {
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber), token == "0" || !token.hasPrefix("0") else {
            return nil
        }
        return Int(token)
    }
}
