import Crypto
import Foundation
import ObjectModel

/// The key of the ledger's chain: every revision and event is a link whose digest is an
/// HMAC-SHA256 under it, so that someone who can only write the database cannot forge a link.
///
/// It is derived from the ledger's HMAC key with HKDF-SHA256 (fixed salt and info naming
/// dsledger and "chain key v1"). The derivation goes one way: the chain key verifies the
/// chain, and can be handed to an auditor, but it cannot recompute the ledger key's HMACs of
/// secret values, so its holder cannot test guesses of a secret.
public struct ChainKey: Sendable {
    let key: SymmetricKey
    /// HMAC-SHA256 with the key already absorbed: each digest continues a copy of it, rather
    /// than hashing the key's padded blocks again for every link.
    private let keyed: HMAC<SHA256>

    /// The chain key of a ledger key.
    public init(deriving ledgerKey: SecretKey) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: ledgerKey.key, salt: Data("dsledger".utf8),
                                     info: Data("dsledger chain key v1".utf8), outputByteCount: 32)
        keyed = HMAC(key: key)
    }

    /// A chain key from its 32 raw bytes.
    public init?(bytes: Data) {
        guard bytes.count == 32 else { return nil }
        key = SymmetricKey(data: bytes)
        keyed = HMAC(key: key)
    }

    /// `sha256:` and the lowercase hex of HMAC-SHA256(chain key, canonical JSON of `fields`): a
    /// link's digest, in the text form every chain digest has outside the database.
    public func digest(of fields: JSONValue) -> String {
        var hmac = keyed
        hmac.update(data: CanonicalJSON.compactBytes(fields))
        return "sha256:" + ContentDigest.hex(hmac.finalize())
    }

    /// The key's 32 bytes in lowercase hex.
    var hex: String { key.withUnsafeBytes { ContentDigest.hex(Data($0)) } }
}

/// The one-line text form of a chain key that `dsledger key chain-key` writes and
/// `verify --chain-key` reads:
///
///     dsledger-chain-key-v1 <ledger key id, 64 hex digits> <chain key, 64 hex digits>
///
/// The ledger key id (the `hmac-key-id` setting) says which ledger the key is for, so that a
/// key for another ledger is refused rather than reported as damage everywhere.
public struct ChainKeyFile: Sendable {
    /// The first word of the line.
    public static let marker = "dsledger-chain-key-v1"

    /// The key.
    public var key: ChainKey
    /// The id of the ledger key it was derived from.
    public var ledgerKeyID: String

    /// The chain key of a ledger key, named by that key's id.
    public init(deriving ledgerKey: SecretKey) {
        key = ChainKey(deriving: ledgerKey)
        ledgerKeyID = LedgerKey.id(of: ledgerKey)
    }

    /// Parses the line (surrounding white space ignored); nil when it is not one.
    public init?(text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 3, words[0] == Self.marker, words[1].count == 64, let bytes = Self.bytes(hex: words[2]),
              let key = ChainKey(bytes: bytes), Self.bytes(hex: words[1]) != nil else { return nil }
        self.key = key
        ledgerKeyID = words[1]
    }

    /// The line, with its newline.
    public var text: String { "\(Self.marker) \(ledgerKeyID) \(key.hex)\n" }

    private static func bytes(hex: String) -> Data? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes = Data(capacity: 32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
