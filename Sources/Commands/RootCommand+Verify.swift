import ArgumentParser
import Ledger

/// `text` or `json`.
enum VerifyFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension RootCommand {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the ledger: integrity, every stored object's digest, every release's chain of links.",
            discussion: """
                Every revision and every event of a release is a link of one chain, in the order written, each \
                an HMAC under the chain key (derived from the ledger key) over the link before it. verify \
                recomputes each stored object's SHA-256, each revision's content digest, the secret hashes \
                against the recorded Secrets, and each release's chain, and gives a verdict per release: \
                intact; unkeyed (only plain SHA-256 links, written before links were keyed: not proof against \
                someone who can write the database); or damaged, naming the first broken link and what is wrong \
                (a changed revision or event, a missing link, a plain link after a keyed one, an inserted event, \
                a missing or changed object).

                The chain key comes from --chain-key FILE (written by 'dsledger key chain-key'), else from the \
                ledger key (--hmac-key-file, DSLEDGER_HMAC_KEY_FILE, <ledger file>.key). Without either, every \
                check but the link digests runs, and verify says so.

                With --checkpoint FILE, also proves the ledger extends a checkpoint written by `dsledger checkpoint`: \
                a release deleted, truncated or rewritten since, or a bad signature, is named and exits 1. Without \
                --public-key the heads are checked but the signature is not, and the output says so.

                -o json prints {ledger, verdict, key, linksChecked, problems, releases: [{namespace, name, \
                verdict, head: {position, digest, revisions, events}, broken: {problem, position, revision, \
                event, message} or null}]}; see docs/evidence.md.

                Exit codes: 0 every release intact or unkeyed (and the ledger extends the checkpoint); 1 damage found, or the ledger does not extend the checkpoint; 2 error.

                Examples:
                  dsledger verify --db ~/.local/share/dsledger/ledger.db
                  dsledger verify --db postgresql://auditor@db.internal/ledger --chain-key ledger.chain-key -o json
                  dsledger verify --checkpoint checkpoints/2026-12-01.json --public-key checkpoint.pub
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var checkpoint: CheckpointOptions

        @Option(name: .customLong("chain-key"), help: ArgumentHelp(
            "The chain key ('dsledger key chain-key' writes it): verify the links without the ledger key.", valueName: "FILE"))
        var chainKeyFile: String?

        @Option(name: .shortAndLong, help: "Output format: text or json.")
        var output: VerifyFormat = .text

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openReadOnly(in: context)
            let source = try await ChainKeySource.resolve(chainKeyFile: chainKeyFile, store: store, ledger: ledger, context: context)
            let verification = try await ledger.verify(chainKey: source.key)
            if source.key == nil {
                context.writeError("dsledger: warning: no chain key or ledger key was given, so the link digests were not checked "
                    + "(a link rewritten by someone who can write the database would pass); give --chain-key FILE or the ledger key\n")
            }
            let outcome = try await checkpoint.verify(ledger, in: context)
            switch output {
            case .text:
                context.writeOutput(VerifyReport.text(verification, location: ledger.location) + (outcome?.text ?? ""))
            case .json:
                context.writeOutput(VerifyReport.json(verification, location: ledger.location, key: source.origin.rawValue,
                                                      checkpoint: outcome?.json))
            }
            let extendsCheckpoint = outcome?.extends ?? true
            guard verification.isIntact, extendsCheckpoint else { throw ExitStatus.differencesFound }
        }
    }
}
