import Crypto
import Foundation
internal import SwiftASN1
internal import X509

/// The Ed25519 private key a checkpoint is signed with, read from a PEM file as
/// `openssl genpkey -algorithm ed25519 -out FILE` writes it (PKCS #8, `BEGIN PRIVATE KEY`).
public struct CheckpointSigningKey: Sendable {
    private let key: Certificate.PrivateKey
    /// The matching public key, which the signature names.
    public let publicKey: CheckpointPublicKey

    /// Reads the key from PEM text; `file` names it in errors.
    /// - Throws: ``CheckpointKeyError`` when the text is not an unencrypted Ed25519 private key.
    public init(pemEncoded text: String, file: String) throws(CheckpointKeyError) {
        // PKCS #8 of an algorithm swift-certificates does not know (X25519, Ed448) is an invalid key.
        let key = try PEMKeyFile.decode(text, file: file, label: "PRIVATE KEY", as: "private", Certificate.PrivateKey.init(pemDocument:))
        guard let publicKey = Curve25519.Signing.PublicKey(key.publicKey) else {
            throw .notEd25519(file, found: key.description)
        }
        self.key = key
        self.publicKey = CheckpointPublicKey(publicKey)
    }

    /// Reads the key from a PEM file.
    public static func load(file: String) throws(CheckpointKeyError) -> CheckpointSigningKey {
        try CheckpointSigningKey(pemEncoded: PEMKeyFile.read(file), file: file)
    }

    /// The Ed25519 signature of `bytes` (64 bytes).
    public func signature(for bytes: [UInt8]) -> [UInt8] {
        // Signing with an Ed25519 key and the Ed25519 algorithm cannot fail.
        (try? key.sign(bytes: bytes, signatureAlgorithm: .ed25519).rawRepresentation) ?? []
    }
}

/// An Ed25519 public key that checks checkpoint signatures, read from a PEM file as
/// `openssl pkey -in FILE -pubout` writes it (`BEGIN PUBLIC KEY`), or from the 32 raw bytes a
/// signature names.
public struct CheckpointPublicKey: Sendable, Hashable {
    private let key: Curve25519.Signing.PublicKey

    init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
    }

    /// Reads the key from PEM text; `file` names it in errors.
    /// - Throws: ``CheckpointKeyError`` when the text is not an Ed25519 public key.
    public init(pemEncoded text: String, file: String) throws(CheckpointKeyError) {
        let key = try PEMKeyFile.decode(text, file: file, label: "PUBLIC KEY", as: "public", Certificate.PublicKey.init(pemDocument:))
        guard let ed25519 = Curve25519.Signing.PublicKey(key) else { throw .notEd25519(file, found: key.description) }
        self.key = ed25519
    }

    /// Reads the key from a PEM file.
    public static func load(file: String) throws(CheckpointKeyError) -> CheckpointPublicKey {
        try CheckpointPublicKey(pemEncoded: PEMKeyFile.read(file), file: file)
    }

    /// The key from its 32 raw bytes in base64, as a checkpoint's signature names it; nil when they are not a key.
    public init?(base64 text: String) {
        guard let bytes = Data(base64Encoded: text), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes) else {
            return nil
        }
        self.key = key
    }

    /// The 32 raw bytes of the key in base64: the last 32 bytes of the DER form
    /// (`openssl pkey -pubin -in FILE -outform DER | tail -c 32 | base64`).
    public var base64: String { key.rawRepresentation.base64EncodedString() }

    /// `sha256:` and the first 16 hex digits of the SHA-256 of the raw key, for messages.
    public var fingerprint: String {
        "sha256:" + SHA256.hash(data: key.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// True when `signature` is this key's Ed25519 signature of `bytes`.
    public func isValidSignature(_ signature: [UInt8], for bytes: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: bytes)
    }

    public static func == (lhs: CheckpointPublicKey, rhs: CheckpointPublicKey) -> Bool {
        lhs.key.rawRepresentation == rhs.key.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key.rawRepresentation)
    }
}

/// Reading a key file and its one PEM document.
enum PEMKeyFile {
    static func read(_ file: String) throws(CheckpointKeyError) -> String {
        guard FileManager.default.fileExists(atPath: file) else { throw .missingFile(file) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw .unreadable(file, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .notPEM(file) }
        return text
    }

    /// The key in the one PEM document of `text`, which must be labelled `label`; `kind` says
    /// which key (`private`, `public`) in errors.
    static func decode<Key>(_ text: String, file: String, label: String, as kind: String,
                            _ decode: (PEMDocument) throws -> Key) throws(CheckpointKeyError) -> Key {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: text)
        } catch {
            throw .notPEM(file)
        }
        guard document.discriminator != "ENCRYPTED PRIVATE KEY" else { throw .encrypted(file) }
        guard document.discriminator == label else {
            throw .wrongDocument(file, expected: "an Ed25519 \(kind) key ('\(label)')", found: document.discriminator)
        }
        do {
            return try decode(document)
        } catch {
            throw .invalidKey(file, reason: "\(error)")
        }
    }
}
