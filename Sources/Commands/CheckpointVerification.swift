import ArgumentParser
import Checkpoints
import Foundation
import Ledger

/// `verify --checkpoint FILE [--public-key FILE]`: does the ledger extend a checkpoint?
struct CheckpointOptions: ParsableArguments {
    @Option(name: .customLong("checkpoint"), help: ArgumentHelp(
        "Also prove the ledger extends this checkpoint (written by `dsledger checkpoint`): every release's head is still there, unchanged, and nothing was removed.",
        valueName: "FILE"))
    var checkpoint: String?

    @Option(name: .customLong("public-key"), help: ArgumentHelp(
        "The Ed25519 public key (PEM) the checkpoint must be signed with; without it, the signature is not checked.",
        valueName: "FILE"))
    var publicKey: String?

    func validate() throws {
        if publicKey != nil, checkpoint == nil {
            throw ValidationError("--public-key checks a checkpoint's signature; give the checkpoint with --checkpoint FILE")
        }
    }

    /// Checks the checkpoint, when one was given, against `ledger` and writes one line per
    /// finding and a verdict, each starting with the checkpoint's file name.
    /// - Returns: false when the ledger does not provably extend the checkpoint (exit 1).
    /// - Throws: when the checkpoint or the key cannot be read, or the ledger fails (exit 2).
    func verify(_ ledger: any RevisionStore, in context: CommandContext) async throws -> Bool {
        guard let file = checkpoint else { return true }
        let key = try publicKey.map { try CheckpointPublicKey.load(file: $0) }
        let text: String
        do {
            text = String(decoding: try context.readFile(file), as: UTF8.self)
        } catch {
            throw CheckpointFileError(file: file, problem: "cannot read the checkpoint: \((error as NSError).localizedDescription)")
        }
        let findings: [CheckpointFinding]
        var checked = 0
        do {
            let checkpoint = try Checkpoints.Checkpoint(parsing: text)
            findings = try await Self.findings(checkpoint, publicKey: key, ledger: ledger)
            checked = checkpoint.heads.count
        } catch let malformed as MalformedCheckpoint {
            findings = [.malformed(malformed)]
        }
        var lines = findings.map { "\(file): \($0)" }
        let failed = findings.contains(where: \.isFailure)
        if !failed {
            let signature = key == nil ? "signature not checked" : "signature checked"
            lines.append("\(file): the ledger extends the checkpoint (\(checked) release\(checked == 1 ? "" : "s"); \(signature))")
        }
        context.writeOutput(lines.joined(separator: "\n") + "\n")
        return !failed
    }

    /// Reads what the check needs from the ledger: its heads, its key id, and the digest of each
    /// release's link at the checkpoint's position where the release has grown since.
    static func findings(_ checkpoint: Checkpoints.Checkpoint, publicKey: CheckpointPublicKey?,
                         ledger: any RevisionStore) async throws -> [CheckpointFinding] {
        let heads = try await ledger.chainHeads()
        let keyID = try await ledger.settings()[LedgerKey.setting]
        let positions = Dictionary(heads.map { ($0.release, $0.position) }, uniquingKeysWith: { first, _ in first })
        var digests: [ReleaseID: String] = [:]
        for head in checkpoint.heads where (positions[head.release] ?? 0) > head.position {
            digests[head.release] = try await ledger.linkDigest(of: head.release, at: head.position)
        }
        return CheckpointCheck.findings(checkpoint, publicKey: publicKey, ledgerKeyID: keyID, heads: heads) { release, position in
            checkpoint.heads.contains { $0.release == release && $0.position == position } ? digests[release] : nil
        }
    }
}
