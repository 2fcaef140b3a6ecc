import ArgumentParser

extension RootCommand {
    /// `ledger migrate`: upgrade a ledger's schema to this dsledger's, and nothing else.
    struct LedgerMigrateCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Upgrade the ledger's schema to this dsledger's, recording nothing.",
            discussion: """
                Every command that reads or writes the ledger upgrades it on the way, except verify, which reads a \
                ledger as it is and never changes it. Run this first when verify refuses a team ledger of an older \
                schema: as a role that may change the schema (the ledger's owner). A ledger file of an older schema \
                needs no upgrade to be verified: verify checks a migrated copy in memory.

                Exit codes: 0 the schema is current; 2 error.

                Example:
                  dsledger ledger migrate --db postgresql://owner@db.internal/ledger
                """)

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.open(in: context, create: false)
            context.writeOutput("\(ledger.location): schema up to date\n")
        }
    }
}
