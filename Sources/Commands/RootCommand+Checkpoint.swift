import ArgumentParser
import Checkpoints
import Foundation
import Ledger

extension RootCommand {
    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Write a signed statement of every release's chain head, to keep outside the ledger.",
            discussion: """
                For every release: the position and chain digest of its latest link, and how many revisions and \
                events it has; with the time and the ledger's key id, signed with an Ed25519 key (a PEM file as \
                `openssl genpkey -algorithm ed25519 -out FILE` writes it). Keep the checkpoint where the ledger's \
                writers cannot change it (a git repository, a CI run's artifacts, your auditor's mail); \
                `dsledger verify --checkpoint FILE --public-key FILE.pub` later proves the ledger only grew since.

                Examples:
                  openssl genpkey -algorithm ed25519 -out checkpoint.pem
                  openssl pkey -in checkpoint.pem -pubout -out checkpoint.pub
                  dsledger checkpoint --sign-key checkpoint.pem --output-file checkpoints/$(date -u +%F).json
                """)

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("sign-key"), help: ArgumentHelp("The Ed25519 private key to sign with (PEM).", valueName: "FILE"))
        var signKey: String

        @Option(name: .customLong("output-file"),
                help: ArgumentHelp("Write the checkpoint to FILE (replaced whole) instead of standard output.", valueName: "FILE"))
        var outputFile: String?

        func run() async throws {
            let context = CommandContext.current
            let key = try CheckpointSigningKey.load(file: signKey)
            let ledger = try await store.openForReading(in: context)
            let heads = try await ledger.chainHeads()
            let keyID = try await ledger.settings()[LedgerKey.setting]
            let text = Checkpoints.Checkpoint(createdAt: context.now(), ledgerKeyID: keyID, heads: heads).signed(with: key).text
            guard let outputFile else { return context.writeOutput(text) }
            try FileProblemError.write(text, to: outputFile, what: "the checkpoint")
            context.writeError("wrote \(outputFile): checkpoint of \(heads.count) release\(heads.count == 1 ? "" : "s"), "
                               + "signed by \(key.publicKey.fingerprint)\n")
        }
    }
}

extension CheckpointKeyError: ReportableError {}

/// A checkpoint file that cannot be read or written.
/// A file a command reads or writes that it cannot use: `error: FILE: problem`.
struct FileProblemError: ReportableError {
    var file: String
    var problem: String

    var description: String { ErrorReport.line(problem, at: file) }

    /// Writes `text` to `file`, replacing it whole (a reader never sees half of it).
    static func write(_ text: String, to file: String, what: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw FileProblemError(file: file, problem: "cannot write \(what): \((error as NSError).localizedDescription)")
        }
    }
}
