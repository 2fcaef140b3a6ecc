import Crypto

extension JSONValue {
    /// SHA-256 of the value's compact canonical JSON, as `sha256:<64 hex digits>`.
    ///
    /// Two values have the same digest exactly when they are equal, whatever the order their
    /// object members were built in.
    public var contentDigest: String {
        ContentDigest.of(CanonicalJSON.compactBytes(self))
    }
}

/// `sha256:<hex>` digests, the one digest format of dsledger.
public enum ContentDigest {
    /// The digest of some bytes (for a stored object: its canonical JSON).
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        "sha256:" + hex(SHA256.hash(data: Array(bytes)))
    }

    /// The 32 raw bytes of the SHA-256 of some bytes; ``of(_:)`` is `sha256:` and their hex.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// Lowercase hexadecimal of some bytes.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let bytes = Array(bytes)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = hexDigit(byte >> 4)
                out[2 * index + 1] = hexDigit(byte & 0xF)
            }
            return bytes.count * 2
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }
}
