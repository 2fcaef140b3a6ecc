internal import GRDB
import Foundation
import ObjectModel

/// Digests as the database keeps them: the 32 raw bytes of the SHA-256, where the rest of
/// dsledger reads `sha256:<hex>`.
package enum DigestColumn {
    private static let prefix = "sha256:"

    /// The raw bytes of `digest` (`sha256:` and 64 hex digits), or nil when it is not one.
    package static func bytes(_ digest: String) -> Data? {
        var digest = digest
        return digest.withUTF8 { utf8 -> Data? in
            guard utf8.count == prefix.utf8.count + 64, utf8.starts(with: prefix.utf8) else { return nil }
            var valid = true
            let raw = [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
                for index in 0..<32 {
                    let offset = prefix.utf8.count + index * 2
                    guard let high = nibble(utf8[offset]), let low = nibble(utf8[offset + 1]) else {
                        valid = false
                        break
                    }
                    buffer[index] = high << 4 | low
                    count = index + 1
                }
            }
            return valid ? Data(raw) : nil
        }
    }

    /// `sha256:<hex>` for raw bytes read from the database.
    package static func text(_ bytes: Data) -> String {
        prefix + ContentDigest.hex(bytes)
    }

    /// `dsledger_digest_bytes(text)`: the raw bytes of a text digest, for migration 0004, which
    /// turns the text digests of older ledgers into bytes.
    static let sqlFunction = DatabaseFunction("dsledger_digest_bytes", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).flatMap(bytes)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension Row {
    /// The text digest in a column of raw bytes (a value of another type, which only a hand
    /// edit of the file can put there, reads as itself so that verify reports the mismatch).
    func digest(_ column: String) -> String {
        let value: DatabaseValue = self[column]
        switch value.storage {
        case .blob(let bytes): return DigestColumn.text(bytes)
        case .string(let text): return text
        default: return "\(value)"
        }
    }
}
