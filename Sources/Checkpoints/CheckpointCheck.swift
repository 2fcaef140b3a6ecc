import Foundation
import Ledger

/// Compares a checkpoint with the ledger as it is now: the ledger extends the checkpoint when
/// every head the checkpoint records is still a link of the same release, with the same digest,
/// and no release has fewer links, revisions or events than then. Releases added since are fine.
///
/// Pure: the caller reads the ledger (``RevisionStore/chainHeads()`` and the digests at the
/// checkpoint's positions) and passes what it read.
public enum CheckpointCheck {
    /// Every finding about `checkpoint`, in order: the signature first, then each release by name.
    /// - Parameters:
    ///   - publicKey: the key the checkpoint must be signed with; nil checks the heads only and
    ///     says so (``CheckpointFinding/signatureNotChecked``).
    ///   - ledgerKeyID: the ledger's `hmac-key-id` setting, when it has one.
    ///   - heads: the ledger's current heads.
    ///   - linkDigest: the digest of a release's link at a position, nil when there is none.
    /// - Returns: an empty list, or only ``CheckpointFinding/signatureNotChecked``, when the ledger extends the checkpoint.
    public static func findings(_ checkpoint: Checkpoint, publicKey: CheckpointPublicKey?, ledgerKeyID: String?,
                                heads: [ChainHead], linkDigest: (ReleaseID, Int) -> String?) -> [CheckpointFinding] {
        var findings = signatureFindings(checkpoint, publicKey: publicKey)
        if let kept = checkpoint.ledgerKeyID, kept != ledgerKeyID {
            findings.append(.otherLedgerKey(checkpoint: kept, ledger: ledgerKeyID))
        }
        let current = Dictionary(heads.map { ($0.release, $0) }, uniquingKeysWith: { first, _ in first })
        for head in checkpoint.heads {
            if let finding = finding(head, current: current[head.release], linkDigest: linkDigest) {
                findings.append(finding)
            }
        }
        return findings
    }

    /// What is wrong with the signature, or ``CheckpointFinding/signatureNotChecked`` without a key.
    static func signatureFindings(_ checkpoint: Checkpoint, publicKey: CheckpointPublicKey?) -> [CheckpointFinding] {
        guard let signature = checkpoint.signature else { return [.unsigned] }
        guard let publicKey else { return [.signatureNotChecked] }
        guard signature.algorithm == CheckpointSignature.ed25519 else {
            return [.badSignature(reason: "algorithm '\(signature.algorithm)' is not '\(CheckpointSignature.ed25519)'")]
        }
        guard signature.publicKey == publicKey.base64 else {
            let found = CheckpointPublicKey(base64: signature.publicKey)?.fingerprint ?? "not an Ed25519 key"
            return [.signedByAnotherKey(expected: publicKey.fingerprint, found: found)]
        }
        guard let value = Data(base64Encoded: signature.value),
              publicKey.isValidSignature(Array(value), for: checkpoint.signedBytes)
        else {
            return [.badSignature(reason: "it does not match the statement, which was changed after it was signed")]
        }
        return []
    }

    /// What is wrong with one recorded head, given the release's head now.
    static func finding(_ head: ChainHead, current: ChainHead?, linkDigest: (ReleaseID, Int) -> String?) -> CheckpointFinding? {
        guard let current else { return .releaseDeleted(head.release) }
        guard current.position >= head.position, current.revisions >= head.revisions, current.events >= head.events else {
            return .truncated(checkpoint: head, ledger: current)
        }
        let found = current.position == head.position ? current.digest : linkDigest(head.release, head.position)
        return found == head.digest ? nil : .rewritten(checkpoint: head, found: found)
    }
}
