import ArgumentParser
import Checkpoints
import Foundation
import Ledger
import ObjectModel

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

    /// Checks the checkpoint, when one was given, against `ledger`.
    /// - Returns: the findings and verdict, or nil without `--checkpoint`.
    /// - Throws: when the checkpoint or the key cannot be read, or the ledger fails (exit 2).
    func verify(_ ledger: any RevisionStore, in context: CommandContext) async throws -> CheckpointOutcome? {
        guard let file = checkpoint else { return nil }
        let key = try publicKey.map { try CheckpointPublicKey.load(file: $0) }
        let text: String
        do {
            text = String(decoding: try context.readFile(file), as: UTF8.self)
        } catch {
            throw FileProblemError(file: file, problem: "cannot read the checkpoint: \((error as NSError).localizedDescription)")
        }
        do {
            let checkpoint = try Checkpoints.Checkpoint(parsing: text)
            let findings = try await Self.findings(checkpoint, publicKey: key, ledger: ledger)
            return CheckpointOutcome(file: file, findings: findings, releases: checkpoint.heads.count, signatureChecked: key != nil)
        } catch let malformed as MalformedCheckpoint {
            return CheckpointOutcome(file: file, findings: [.malformed(malformed)], releases: 0, signatureChecked: key != nil)
        }
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

/// What `verify --checkpoint` found: printed as lines after the verdict, or as the JSON verdict's
/// `checkpoint` member.
struct CheckpointOutcome {
    /// The checkpoint file, as given.
    var file: String
    var findings: [CheckpointFinding]
    /// How many releases the checkpoint records.
    var releases: Int
    /// Whether a public key was given, so the signature was checked.
    var signatureChecked: Bool

    /// Whether the ledger provably extends the checkpoint.
    var extends: Bool { !findings.contains(where: \.isFailure) }

    /// One line per finding and a verdict, each starting with the checkpoint's file name.
    var text: String {
        var lines = findings.map { "\(file): \($0)" }
        if extends {
            let signature = signatureChecked ? "signature checked" : "signature not checked"
            lines.append("\(file): the ledger extends the checkpoint (\(releases) release\(releases == 1 ? "" : "s"); \(signature))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"file", "verdict": "extends"|"does-not-extend", "signatureChecked", "releases", "findings": [{"code", "release", "message"}]}`.
    var json: JSONValue {
        let items: [JSONValue] = findings.map { finding in
            ["code": .string(finding.code), "release": finding.release.map { .string($0.description) } ?? .null,
             "message": .string(finding.description)]
        }
        return ["file": .string(file), "verdict": .string(extends ? "extends" : "does-not-extend"),
                "signatureChecked": .bool(signatureChecked), "releases": .int(Int64(releases)), "findings": .array(items)]
    }
}
