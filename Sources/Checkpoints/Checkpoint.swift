import Foundation
import Ledger
import ObjectModel

/// A signed statement of every release's chain head at one time, kept outside the ledger.
///
/// The statement is a small JSON object (``format`` `dsledger-checkpoint/v1`):
///
/// ```json
/// {
///     "createdAt": "2026-12-04T03:30:00.000Z",
///     "format": "dsledger-checkpoint/v1",
///     "ledgerKeyId": "9f0c…",
///     "releases": [
///         {"digest": "5d41…", "events": 4, "name": "agent", "namespace": "agents", "position": 3, "revisions": 3}
///     ],
///     "signature": {"algorithm": "ed25519", "publicKey": "<base64>", "value": "<base64>"}
/// }
/// ```
///
/// The signature covers the compact canonical JSON (``CanonicalJSON``) of the whole object
/// without its `signature` member, so a checkpoint read back verifies whatever white space or
/// member order its file has, and any other change (a digest, a count, a release left out)
/// breaks it.
public struct Checkpoint: Sendable, Hashable {
    /// The format tag every checkpoint carries.
    public static let format = "dsledger-checkpoint/v1"

    /// The signed part: every member but `signature`, exactly as written or read.
    public let statement: JSONValue
    /// The signature, when the checkpoint has one.
    public let signature: CheckpointSignature?
    /// When the checkpoint was made (RFC 3339, UTC), as written.
    public let createdAt: String
    /// The ledger's key id (the `hmac-key-id` setting) when it had one.
    public let ledgerKeyID: String?
    /// The head of every release, sorted by release.
    public let heads: [ChainHead]

    /// An unsigned checkpoint of `heads` (sorted here) made at `createdAt`.
    public init(createdAt: Date, ledgerKeyID: String?, heads: [ChainHead]) {
        let heads = heads.sorted { $0.release < $1.release }
        let time = Timestamp.format(createdAt)
        statement = .object([
            "format": .string(Self.format),
            "createdAt": .string(time),
            "ledgerKeyId": ledgerKeyID.map(JSONValue.string) ?? .null,
            "releases": .array(heads.map(Self.json)),
        ])
        signature = nil
        self.createdAt = time
        self.ledgerKeyID = ledgerKeyID
        self.heads = heads
    }

    init(statement: JSONValue, signature: CheckpointSignature?, createdAt: String, ledgerKeyID: String?, heads: [ChainHead]) {
        self.statement = statement
        self.signature = signature
        self.createdAt = createdAt
        self.ledgerKeyID = ledgerKeyID
        self.heads = heads
    }

    /// The bytes the signature covers: the compact canonical JSON of ``statement``.
    public var signedBytes: [UInt8] { CanonicalJSON.compactBytes(statement) }

    /// This checkpoint signed with `key` (any earlier signature replaced).
    public func signed(with key: CheckpointSigningKey) -> Checkpoint {
        let signature = CheckpointSignature(algorithm: CheckpointSignature.ed25519, publicKey: key.publicKey.base64,
                                            value: Data(key.signature(for: signedBytes)).base64EncodedString())
        return Checkpoint(statement: statement, signature: signature, createdAt: createdAt, ledgerKeyID: ledgerKeyID, heads: heads)
    }

    /// The whole checkpoint as JSON: the statement and, when signed, its `signature` member.
    public var json: JSONValue {
        var whole = statement
        if let signature { whole["signature"] = signature.json }
        return whole
    }

    /// The file's text: indented canonical JSON, ending with a newline.
    public var text: String { CanonicalJSON.pretty(json) }

    static func json(_ head: ChainHead) -> JSONValue {
        .object([
            "namespace": .string(head.release.namespace),
            "name": .string(head.release.name),
            "position": .int(Int64(head.position)),
            "digest": .string(head.digest),
            "revisions": .int(Int64(head.revisions)),
            "events": .int(Int64(head.events)),
        ])
    }
}

/// A checkpoint's `signature` member: which algorithm, which key, and the signature itself.
public struct CheckpointSignature: Sendable, Hashable {
    /// The one algorithm dsledger signs with.
    public static let ed25519 = "ed25519"

    /// `ed25519`.
    public var algorithm: String
    /// The signer's public key: its 32 raw bytes in base64 (``CheckpointPublicKey/base64``).
    public var publicKey: String
    /// The 64-byte Ed25519 signature in base64.
    public var value: String

    public init(algorithm: String, publicKey: String, value: String) {
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.value = value
    }

    var json: JSONValue {
        .object(["algorithm": .string(algorithm), "publicKey": .string(publicKey), "value": .string(value)])
    }
}
