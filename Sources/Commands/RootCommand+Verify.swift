import ArgumentParser

extension RootCommand {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the ledger: SQLite integrity, every stored object's digest, every hash chain.",
            discussion: """
                Recomputes each stored object's SHA-256, each revision's content digest and each release's hash \
                chain (a digest over the previous revision's chain digest, the content and the metadata), checks \
                that numbering has no gaps and that secret hashes match the recorded Secrets.

                With --checkpoint FILE, also proves the ledger extends a checkpoint written by `dsledger checkpoint`: \
                a release deleted, truncated or rewritten since, or a bad signature, is named and exits 1. Without \
                --public-key the heads are checked but the signature is not, and the output says so.

                Exit codes: 0 intact; 1 damaged (the first bad revision of each release is named), or the ledger \
                does not extend the checkpoint; 2 error.

                Example:
                  dsledger verify --db ~/.local/share/dsledger/ledger.db
                  dsledger verify --checkpoint checkpoints/2026-12-01.json --public-key checkpoint.pub
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var checkpoint: CheckpointOptions

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.open(in: context, create: false)
            let problems = try await ledger.verify().map(\.description)
            if problems.isEmpty {
                context.writeOutput("\(ledger.location): intact\n")
            } else {
                context.writeOutput(problems.map { "\(ledger.location): damaged: \($0)" }.joined(separator: "\n") + "\n")
            }
            let extendsCheckpoint = try await checkpoint.verify(ledger, in: context)
            guard problems.isEmpty, extendsCheckpoint else { throw ExitStatus.differencesFound }
        }
    }
}
