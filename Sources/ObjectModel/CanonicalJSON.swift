/// Canonical JSON text for a ``JSONValue``.
///
/// Keys are sorted byte-wise, strings escape only what JSON requires (`"`, `\`, control
/// characters), and nothing depends on the machine or locale, so the same value always gives
/// the same bytes. The compact form is the input of content digests; the pretty form, indented
/// by four spaces like `kubectl -o json`, is what users read.
public enum CanonicalJSON {
    /// The value as compact canonical JSON (no insignificant white space).
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, level: 0)
        return out
    }

    /// The value as indented canonical JSON, ending with a newline.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: "    ", level: 0)
        out.append("\n")
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: String?, level: Int) {
        switch value {
        case .null: out.append("null")
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .int(let number): out.append(String(number))
        case .double(let number): out.append(format(number))
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", into: &out, indent: indent, level: level)
        case .object(let members):
            let pairs = members.sortedByKey().map { (Optional($0.key), $0.value) }
            writeContainer(pairs, open: "{", close: "}", into: &out, indent: indent, level: level)
        }
    }

    private static func writeContainer(
        _ items: [(String?, JSONValue)], open: String, close: String,
        into out: inout String, indent: String?, level: Int
    ) {
        out.append(open)
        guard !items.isEmpty else { return out.append(close) }
        for (offset, item) in items.enumerated() {
            if offset > 0 { out.append(",") }
            if let indent { out.append("\n" + String(repeating: indent, count: level + 1)) }
            if let key = item.0 {
                writeString(key, into: &out)
                out.append(indent == nil ? ":" : ": ")
            }
            write(item.1, into: &out, indent: indent, level: level + 1)
        }
        if let indent { out.append("\n" + String(repeating: indent, count: level)) }
        out.append(close)
    }

    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// Writes `text` as a JSON string literal.
    public static func writeString(_ text: String, into out: inout String) {
        out.append("\"")
        // Most strings need no escaping: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(text)
            return out.append("\"")
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
