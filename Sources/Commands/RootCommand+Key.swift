import ArgumentParser
import Ledger

extension RootCommand {
    /// `key chain-key`: the keys of a ledger.
    struct KeyGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Show keys derived from the ledger key.",
            subcommands: [ChainKeyCommand.self])
    }

    struct ChainKeyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chain-key",
            abstract: "Print the ledger's chain key, for an auditor's 'verify --chain-key FILE'.",
            discussion: """
                Prints one line, 'dsledger-chain-key-v1 <ledger key id> <chain key>' (hex). The chain key is derived \
                from the ledger key with HKDF-SHA256; with it, 'dsledger verify --chain-key FILE' checks every link \
                of every release's chain without the ledger key. It cannot be turned back into the ledger key, so \
                its holder cannot test guesses of secret values against the ledger's secret hashes. It can, however, \
                forge links: hand it to auditors, and keep checkpoints where they cannot be rewritten.

                Exit codes: 0 printed; 2 no ledger key, or a key that is not the ledger's.

                Example:
                  dsledger key chain-key --db ledger.db > ledger.chain-key
                """)

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let path = try store.keyPath(in: context)
            guard let key = try store.existingKey(in: context)?.key else {
                throw InputError.unreadable(path, reason: "No such file or directory")
            }
            let ledger = try await store.openForReading(in: context)
            if let kept = try await ledger.settings()[LedgerKey.setting], kept != LedgerKey.id(of: key) {
                throw StoreError.keyMismatch(location: ledger.location, keyFile: path)
            }
            context.writeOutput(ChainKeyFile(deriving: key).text)
        }
    }
}
