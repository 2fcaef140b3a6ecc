/// What an unquoted (plain) YAML scalar means under the YAML 1.1 rules that Kubernetes tooling
/// and Project Planton read manifests with (`sigs.k8s.io/yaml`, go-yaml v2).
///
/// Under those rules `yes`, `off` and `y` are booleans, `0644` is the octal integer 420,
/// `1_000` is 1000 and `1e3` is a float. Quoted scalars are always strings and never go
/// through this type.
public enum PlainScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)

    /// Resolves the text of a plain scalar.
    public init(resolving text: String) {
        if let resolved = Self.resolveSpecial(text) {
            self = resolved
        } else if let first = text.utf8.first, Self.numericStart.contains(first) {
            if let number = Self.integer(text) {
                self = .int(number)
            } else if let number = Self.float(text) {
                self = .float(number)
            } else {
                self = .string(text)
            }
        } else {
            self = .string(text)
        }
    }

    /// True when a string must be quoted to read back as the same string under YAML 1.1 or
    /// 1.2 rules (it would otherwise be a boolean, number, null or timestamp).
    public static func needsQuoting(_ text: String) -> Bool {
        if case .string = PlainScalar(resolving: text) {
            return looksLikeTimestamp(text) || looksLikeYAML12Number(text) || looksSexagesimal(text)
                || text == "=" || text == "<<"
        }
        return true
    }

    /// YAML 1.1 base-60 numbers (`10:30` is 630 to PyYAML), which go-yaml v2 reads as strings.
    private static func looksSexagesimal(_ text: String) -> Bool {
        var body = Substring(text)
        if let sign = body.first, sign == "+" || sign == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 1, let head = parts.first, let first = head.first, first.isNumber,
            head.allSatisfy({ $0.isNumber || $0 == "_" })
        else { return false }
        for (offset, part) in parts.dropFirst().enumerated() {
            let isLast = offset == parts.count - 2
            let digits = isLast ? part.split(separator: ".", maxSplits: 1).first ?? "" : part
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isNumber), let value = Int(digits), value < 60 else {
                return false
            }
            if isLast, part.count > digits.count, !part.dropFirst(digits.count + 1).allSatisfy({ $0.isNumber || $0 == "_" }) {
                return false
            }
        }
        return true
    }

    private static let numericStart = ByteSet("+-.0123456789")

    /// The first bytes of the texts `resolveSpecial` knows: most scalars start otherwise and
    /// are turned away at once.
    private static let specialStart = ByteSet("~nNyYtTfFoO.+-")

    /// YAML 1.1's null, booleans and special floats. They are ASCII and at most six bytes, so a
    /// text is packed into an integer (first byte lowest) and matched by a `switch`, which
    /// touches no shared table (reading one from every core costs more than the match).
    private static func resolveSpecial(_ text: String) -> PlainScalar? {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        guard utf8.count <= 6, specialStart.contains(first) else { return nil }
        var packed: UInt64 = 0
        for (index, byte) in utf8.enumerated() { packed |= UInt64(byte) << (8 * UInt64(index)) }
        switch packed {
        case 0x7E, 0x6C6C756E, 0x6C6C754E, 0x4C4C554E: return .null  // "", "~", "null", "Null", "NULL"
        case 0x79, 0x59, 0x736579, 0x736559, 0x534559, 0x65757274, 0x65757254, 0x45555254, 0x6E6F, 0x6E4F, 0x4E4F: return .bool(true)  // "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"
        case 0x6E, 0x4E, 0x6F6E, 0x6F4E, 0x4F4E, 0x65736C6166, 0x65736C6146, 0x45534C4146, 0x66666F, 0x66664F, 0x46464F: return .bool(false)  // "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"
        case 0x666E692E, 0x666E492E, 0x464E492E, 0x666E692E2B, 0x666E492E2B, 0x464E492E2B: return .float(.infinity)  // ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"
        case 0x666E692E2D, 0x666E492E2D, 0x464E492E2D: return .float(-.infinity)  // "-.inf", "-.Inf", "-.INF"
        case 0x6E616E2E, 0x4E614E2E, 0x4E414E2E: return .float(.nan)  // ".nan", ".NaN", ".NAN"
        default: return nil
        }
    }

    /// go-yaml v2 strips `_` and parses with Go's base-0 rules: `0x1F`, `0b101`, `0o17`,
    /// and a leading `0` for octal.
    private static func integer(_ text: String) -> Int64? {
        var digits = text.utf8.contains(UInt8(ascii: "_")) ? Substring(text.filter { $0 != "_" }) : Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var radix = 10
        let prefix = Array(digits.utf8.prefix(2))
        let marker = prefix.count == 2 && prefix[0] == UInt8(ascii: "0") ? prefix[1] | 0x20 : 0  // lowercased
        if marker == UInt8(ascii: "x") {
            radix = 16; digits = digits.dropFirst(2)
        } else if marker == UInt8(ascii: "b") {
            radix = 2; digits = digits.dropFirst(2)
        } else if marker == UInt8(ascii: "o") {
            radix = 8; digits = digits.dropFirst(2)
        } else if digits.count > 1, digits.first == "0" {
            radix = 8; digits = digits.dropFirst()
        }
        guard !digits.isEmpty, let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml v2's float pattern.
    private static func float(_ text: String) -> Double? {
        var bytes = Array(text.utf8)[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        var index = bytes.startIndex
        let intStart = index
        while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
        let intDigits = index - intStart
        var fracDigits = 0
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fracStart = index
            while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
            fracDigits = index - fracStart
        }
        guard intDigits > 0 || fracDigits > 0 else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let expStart = index
            while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
            guard index > expStart else { return nil }
        }
        guard index == bytes.endIndex else { return nil }
        return Double(text)
    }

    private static func looksLikeTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, bytes.count <= 40 else { return false }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        return bytes[0..<4].allSatisfy(isDigit) && bytes[4] == UInt8(ascii: "-")
    }

    private static func looksLikeYAML12Number(_ text: String) -> Bool {
        Double(text) != nil
    }
}

/// A set of ASCII bytes as two bit masks: no storage to share between threads.
struct ByteSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ characters: StaticString) {
        characters.withUTF8Buffer { bytes in
            for byte in bytes where byte < 128 {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
}
