/// Canonical JSON text for a ``JSONValue``.
///
/// Keys are sorted byte-wise, strings escape only what JSON requires (`"`, `\`, control
/// characters), and nothing depends on the machine or locale, so the same value always gives
/// the same bytes. The compact form is the input of content digests; the pretty form, indented
/// by four spaces like `kubectl -o json`, is what users read.
public enum CanonicalJSON {
    /// The value as compact canonical JSON (no insignificant white space).
    public static func compact(_ value: JSONValue) -> String {
        String(decoding: compactBytes(value), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``compact(_:)``.
    public static func compactBytes(_ value: JSONValue) -> [UInt8] {
        var out = ByteWriter(capacity: 1024)
        write(value, into: &out, indent: nil, level: 0)
        return out.bytes
    }

    /// The value as indented canonical JSON, ending with a newline.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ByteWriter(capacity: 1024)
        write(value, into: &out, indent: "    ", level: 0)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, into out: inout ByteWriter, indent: String?, level: Int) {
        switch value {
        case .null: out.append("null")
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .int(let number): out.append(String(number))
        case .double(let number): out.append(format(number))
        case .string(let text): writeString(text, into: &out)
        case .array(let items) where indent == nil:
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out, indent: nil, level: level + 1)
            }
            out.append(UInt8(ascii: "]"))
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", into: &out, indent: indent, level: level)
        case .object(let members) where indent == nil:
            out.append(UInt8(ascii: "{"))
            // Sorting positions rather than (key, value) pairs copies no values; they are sorted
            // in temporary storage (on the stack for the usual few members), not a new array.
            withUnsafeTemporaryAllocation(of: [String: JSONValue].Index.self, capacity: members.count) { buffer in
                guard !buffer.isEmpty else { return }
                var order = buffer
                _ = order.initialize(from: members.indices)
                defer { order.deinitialize() }
                order.sort { members.keys[$0].utf8Precedes(members.keys[$1]) }
                for (offset, index) in order.enumerated() {
                    if offset > 0 { out.append(UInt8(ascii: ",")) }
                    writeString(members.keys[index], into: &out)
                    out.append(UInt8(ascii: ":"))
                    write(members.values[index], into: &out, indent: nil, level: level + 1)
                }
            }
            out.append(UInt8(ascii: "}"))
        case .object(let members):
            let pairs = members.sortedByKey().map { (Optional($0.key), $0.value) }
            writeContainer(pairs, open: "{", close: "}", into: &out, indent: indent, level: level)
        }
    }

    private static func writeContainer(
        _ items: [(String?, JSONValue)], open: Unicode.Scalar, close: Unicode.Scalar,
        into out: inout ByteWriter, indent: String?, level: Int
    ) {
        out.append(UInt8(ascii: open))
        guard !items.isEmpty else { return out.append(UInt8(ascii: close)) }
        for (offset, item) in items.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            if let indent { newline(indent, level + 1, into: &out) }
            if let key = item.0 {
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
            }
            write(item.1, into: &out, indent: indent, level: level + 1)
        }
        if let indent { newline(indent, level, into: &out) }
        out.append(UInt8(ascii: close))
    }

    private static func newline(_ indent: String, _ level: Int, into out: inout ByteWriter) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<level { out.append(indent) }
    }

    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// Writes `text` as a JSON string literal: runs of bytes that need no escape are copied
    /// whole (config files are long runs between newlines), found eight bytes at a time.
    static func writeString(_ text: String, into out: inout ByteWriter) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            let words = UnsafeRawBufferPointer(bytes)
            var run = 0
            var index = 0
            while index < bytes.count {
                if index + 8 <= bytes.count, !needsEscape(words.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                let at = index - 1
                if run < at { out.append(UnsafeBufferPointer(rebasing: bytes[run..<at])) }
                run = at + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0"))
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0xF))
                }
            }
            if run < bytes.count { out.append(UnsafeBufferPointer(rebasing: bytes[run...])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// True when one of the eight bytes of `word` is a control character, '"' or '\\': each
    /// test sets a byte's high bit where it holds (bytes of 0x80 and up never do).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22)) & highs
        let backslash = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C)) & highs
        return control | quote | backslash != 0
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
