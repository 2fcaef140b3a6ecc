import ArgumentParser
import Ledger

extension RootCommand {
    /// `ledger copy`: move history between ledgers; `ledger migrate`: upgrade its schema.
    struct LedgerGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "Work on whole ledgers: copy one into another (a file into the team ledger, or back), upgrade a schema.",
            subcommands: [LedgerCopyCommand.self, LedgerMigrateCommand.self])
    }

    struct LedgerCopyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy every release, revision, object, secret hash and event from one ledger into another.",
            discussion: """
                SRC and DST are ledger files or postgresql:// URLs, in either direction. Every digest is kept, so \
                the copy verifies as the original does; it is verified before the command ends. Running it again \
                copies only what is missing. Refused, with nothing copied: a source recorded with another HMAC key \
                than the destination's (its secret hashes could not be compared), and a release whose revisions \
                differ between the two.

                Exit codes: 0 copied (or nothing to copy) and verified; 1 the copy does not verify; 2 refused or an error.

                Example:
                  DSLEDGER_HMAC_KEY_FILE=team.key dsledger ledger copy --from ~/.local/share/dsledger/ledger.db \\
                      --to postgresql://dsledger@db.internal/ledger
                """)

        @Option(name: .customLong("from"), help: ArgumentHelp("The ledger to copy from.", valueName: "PATH|URL"))
        var source: String

        @Option(name: .customLong("to"), help: ArgumentHelp("The ledger to copy into (created when it is a new file).", valueName: "PATH|URL"))
        var destination: String

        @Option(name: .customLong("from-key-file"), help: ArgumentHelp(
            "The source's HMAC key, for a source that does not record its key id yet (default: <SRC file>.key, else $DSLEDGER_HMAC_KEY_FILE).",
            valueName: "FILE"))
        var sourceKeyFile: String?

        @Option(name: .customLong("to-key-file"), help: ArgumentHelp(
            "The destination's HMAC key, named in messages (default: $DSLEDGER_HMAC_KEY_FILE, else <DST file>.key).", valueName: "FILE"))
        var destinationKeyFile: String?

        func run() async throws {
            let context = CommandContext.current
            let from = try StoreOptions.parse(["--db", source] + (sourceKeyFile.map { ["--hmac-key-file", $0] } ?? []))
            let to = try StoreOptions.parse(["--db", destination] + (destinationKeyFile.map { ["--hmac-key-file", $0] } ?? []))
            let copy = try await LedgerCopy(from: from, to: to, context: context)
            let tally = try await copy.run()
            let verified = try await copy.verifyDestination()
            context.writeError("copied \(tally.revisions) revisions and \(tally.events) events of \(tally.releases) releases from \(copy.sourceName) to \(copy.destinationName)\n")
            guard verified.isEmpty else {
                context.writeOutput(verified.map { "\(copy.destinationName): damaged: \($0)" }.joined(separator: "\n") + "\n")
                throw ExitStatus.differencesFound
            }
            context.writeOutput("\(copy.destinationName): intact\n")
        }
    }
}
