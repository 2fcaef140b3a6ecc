@testable import ObjectModel
import Testing
import TestSupport

/// Canonical JSON's string escaping, which skips runs of eight bytes that need no escape.
@Suite struct StringEscapeTests {
    static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }

    @Test func aWordNeedsEscapingExactlyWhenOneOfItsBytesDoes() {
        for value in 0...255 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(CanonicalJSON.needsEscape(word) == Self.needsEscape(UInt8(value)), "byte \(value) at \(position)")
            }
        }
        // Bytes just above a match, and high bytes next to low ones, do not borrow into a match.
        for bytes: [UInt8] in [[0x21, 0x23, 0x5D, 0x5B, 0x80, 0xFF, 0x20, 0x7F], [0xFF, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]] {
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect(CanonicalJSON.needsEscape(word) == bytes.contains(where: Self.needsEscape))
        }
    }

    /// Random strings of every length up to 40, mixing plain ASCII, characters to escape and
    /// multi-byte ones: the same text as escaping byte by byte.
    @Test func randomStringsEscapeAsByteByByte() throws {
        var random = SplitMix(seed: 0xE5C)
        let pieces = ["a", "b", " ", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "é", "€", "𝄞", "/", "~"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(CanonicalJSON.compactBytes(.string(text)) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    static func reference(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\n"): out += Array("\\n".utf8)
            case UInt8(ascii: "\r"): out += Array("\\r".utf8)
            case UInt8(ascii: "\t"): out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case ..<0x20: out += Array("\\u00".utf8) + [hex(byte >> 4), hex(byte & 0xF)]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    static func hex(_ nibble: UInt8) -> UInt8 { Array("0123456789abcdef".utf8)[Int(nibble)] }
}
