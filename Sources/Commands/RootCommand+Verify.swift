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

                Exit codes: 0 intact; 1 damaged (the first bad revision of each release is named); 2 error.

                Example:
                  dsledger verify --db ~/.local/share/dsledger/ledger.db
                """)

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openReadOnly(in: context)
            let problems = try await ledger.verify().map(\.description)
            guard !problems.isEmpty else {
                return context.writeOutput("\(ledger.location): intact\n")
            }
            context.writeOutput(problems.map { "\(ledger.location): damaged: \($0)" }.joined(separator: "\n") + "\n")
            throw ExitStatus.differencesFound
        }
    }
}
