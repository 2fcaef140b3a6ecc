import Ledger

/// One thing `verify --checkpoint` found: that the ledger no longer extends a head of the
/// checkpoint (naming the release), that the signature is wrong, or that it was not checked.
public enum CheckpointFinding: Sendable, Hashable, CustomStringConvertible {
    /// No public key was given, so who signed the checkpoint was not checked (not a failure).
    case signatureNotChecked
    /// The checkpoint carries no signature.
    case unsigned
    /// The signature does not verify under the given key: the statement was changed after signing.
    case badSignature(reason: String)
    /// The checkpoint names another signing key than the one given.
    case signedByAnotherKey(expected: String, found: String)
    /// The checkpoint was made of a ledger with another key id (another ledger, or a key id replaced).
    case otherLedgerKey(checkpoint: String, ledger: String?)
    /// A release of the checkpoint is no longer in the ledger.
    case releaseDeleted(ReleaseID)
    /// The release's chain is shorter than at the checkpoint: links, revisions or events were removed.
    case truncated(checkpoint: ChainHead, ledger: ChainHead)
    /// The link at the checkpoint's head position has another digest (`found`), or none (nil).
    case rewritten(checkpoint: ChainHead, found: String?)
    /// The checkpoint file is not a checkpoint.
    case malformed(MalformedCheckpoint)

    /// The release the finding is about, when it is about one.
    public var release: ReleaseID? {
        switch self {
        case .releaseDeleted(let release): release
        case .truncated(let head, _), .rewritten(let head, _): head.release
        default: nil
        }
    }

    /// False only for ``signatureNotChecked``: every other finding means the ledger does not
    /// provably extend the checkpoint.
    public var isFailure: Bool {
        if case .signatureNotChecked = self { return false }
        return true
    }

    /// A stable code for machine-readable output (`verify -o json`).
    public var code: String {
        switch self {
        case .signatureNotChecked: "signature-not-checked"
        case .unsigned: "unsigned"
        case .badSignature: "bad-signature"
        case .signedByAnotherKey: "signed-by-another-key"
        case .otherLedgerKey: "other-ledger-key"
        case .releaseDeleted: "release-deleted"
        case .truncated: "truncated"
        case .rewritten: "rewritten"
        case .malformed: "malformed"
        }
    }

    public var description: String {
        switch self {
        case .signatureNotChecked:
            "signature not checked: no --public-key given, so anyone could have written this checkpoint"
        case .unsigned:
            "the checkpoint is not signed"
        case .badSignature(let reason):
            "bad signature: \(reason)"
        case .signedByAnotherKey(let expected, let found):
            "bad signature: signed by another key (\(found)), not by the public key given (\(expected))"
        case .otherLedgerKey(let checkpoint, let ledger):
            "the checkpoint was made of a ledger with key id \(checkpoint), this ledger's is \(ledger ?? "not set")"
        case .releaseDeleted(let release):
            "\(release): deleted: the release is in the checkpoint but no longer in the ledger"
        case .truncated(let checkpoint, let ledger):
            "\(checkpoint.release): truncated: the checkpoint holds \(Self.counts(checkpoint)), the ledger now \(Self.counts(ledger))"
        case .rewritten(let checkpoint, let found?):
            "\(checkpoint.release): rewritten: link \(checkpoint.position) has digest \(found), the checkpoint says \(checkpoint.digest)"
        case .rewritten(let checkpoint, nil):
            "\(checkpoint.release): rewritten: the ledger has no link \(checkpoint.position), which the checkpoint records"
        case .malformed(let problem):
            problem.description
        }
    }

    private static func counts(_ head: ChainHead) -> String {
        "\(head.position) links (\(head.revisions) revisions, \(head.events) events)"
    }
}
