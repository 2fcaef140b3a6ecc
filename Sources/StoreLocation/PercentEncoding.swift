/// Percent-decoding as libpq does it for connection URIs, and the encoding used to display parts.
///
/// libpq decodes `%XX` only: `+` stays a plus sign, a `%` not followed by two hex digits is an
/// error, and `%00` is refused because libpq's values are C strings.
enum PercentEncoding {
    /// Why a part of the URL could not be decoded.
    enum Problem: Error, Equatable {
        /// A `%` not followed by two hex digits; the token as written (`%zz`, or `%` at the end).
        case invalidEscape(String)
        /// `%00`.
        case nulByte
        /// The decoded bytes are not UTF-8.
        case notUTF8
    }

    /// The text with every `%XX` replaced by its byte.
    static func decoded(_ text: Substring) -> Result<String, Problem> {
        var bytes: [UInt8] = []
        let input = Array(text.utf8)
        var index = 0
        while index < input.count {
            guard input[index] == UInt8(ascii: "%") else {
                bytes.append(input[index])
                index += 1
                continue
            }
            guard index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2])
            else {
                let token = input[index..<min(index + 3, input.count)]
                return .failure(.invalidEscape(String(decoding: token, as: UTF8.self)))
            }
            let byte = high << 4 | low
            if byte == 0 { return .failure(.nulByte) }
            bytes.append(byte)
            index += 3
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { return .failure(.notUTF8) }
        return .success(string)
    }

    /// The text with every byte outside RFC 3986's unreserved set (and `extra`) written as `%XX`.
    static func encoded(_ text: String, keeping extra: Set<UInt8> = []) -> String {
        var result = ""
        for byte in text.utf8 {
            if isUnreserved(byte) || extra.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + hexDigits(byte)
            }
        }
        return result
    }

    /// The text with control characters and line separators written as `%XX`, so that any
    /// message it is put in stays on one line and cannot move the terminal's cursor.
    static func oneLine(_ text: some StringProtocol) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 {
                result += String(scalar).utf8.map { "%" + hexDigits($0) }.joined()
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
