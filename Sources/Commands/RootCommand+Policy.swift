import ArgumentParser
import Ledger
import ObjectModel

extension RootCommand {
    /// `policy set` and `policy show`: the rules every writer of the ledger obeys.
    struct PolicyGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Set or show the ledger's policy, which every runner writing the ledger obeys.",
            discussion: """
                The policy is kept in the ledger, not in a runner's configuration: each change is a 'policy' event \
                of the ledger's own chain (shown as the release dsledger.io/policy by 'verify' and 'checkpoint'), \
                keyed like every link, with who set it and when. Turning a policy off therefore takes the ledger key; \
                a database edit breaks the link ('verify' reports it, and apply and rollback refuse with exit 6).
                """,
            subcommands: [PolicySet.self, PolicyShow.self])
    }

    struct PolicySet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a policy of the ledger: require-ticket true|false.",
            discussion: """
                require-ticket true: an 'apply' or 'rollback' without --ticket (or DSLEDGER_TICKET) is refused with exit \
                2, nothing recorded or applied, unless --emergency REASON is given; the emergency and its reason are \
                recorded with the change. 'render' and '--dry-run=server' are never refused: they change no cluster.

                Setting a policy to the value it has records nothing.

                Exit codes: 0 set (or already so); 2 ledger error or usage error.

                Examples:
                  dsledger policy set require-ticket true
                  dsledger policy set require-ticket false --db postgresql://ledger.example.com/dsledger
                """)

        @Argument(help: "The policy: require-ticket.")
        var name: LedgerPolicy.Name

        @Argument(help: "true or false.")
        var value: Bool

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.open(in: context, create: true)
            let key = try await store.secretKey(in: context, store: ledger)
            let chainKey = ChainKey(deriving: key)
            var policy = try await ledger.policy(chainKey: chainKey).policy
            switch name {
            case .requireTicket:
                guard policy.requireTicket != value else {
                    context.writeError("require-ticket is already \(value)\n")
                    return
                }
                policy.requireTicket = value
            }
            let author = Recording(context: context, message: nil).author()
            try await ledger.recordEvent(policy.event(author: author, createdAt: context.now()), chainKey: chainKey)
            context.writeError("require-ticket set to \(value), recorded by \(author)\n")
        }
    }

    struct PolicyShow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the ledger's policy and who set it.",
            discussion: """
                Table: one line per policy, with its value and who set it when ('default' when nobody did). -o json: \
                {"requireTicket": BOOL, "setBy": AUTHOR or null, "setAt": RFC 3339 or null}.

                Exit codes: 0 shown; 2 ledger error or usage error; 6 the latest policy change is no genuine link.

                Examples:
                  dsledger policy show
                  dsledger policy show -o json
                """)

        @Option(name: .shortAndLong, help: "Output format: table or json.")
        var output: ListFormat = .table

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.open(in: context, create: false)
            let chainKey = try await ChainKeySource.resolve(chainKeyFile: nil, store: store, ledger: ledger, context: context).key
            let state = try await ledger.policy(chainKey: chainKey)
            let event = state.setBy?.draft
            switch output {
            case .json:
                context.writeOutput(CanonicalJSON.pretty([
                    "requireTicket": .bool(state.policy.requireTicket),
                    "setBy": event.map { .string($0.author) } ?? .null,
                    "setAt": event.map { .string(Timestamp.format($0.createdAt)) } ?? .null,
                ]))
            case .table:
                let set = event.map { "\($0.author) at \(Timestamp.format($0.createdAt))" } ?? "default"
                context.writeOutput(TextTable.render(header: ["POLICY", "VALUE", "SET BY"],
                                                     rows: [[LedgerPolicy.Name.requireTicket.rawValue, String(state.policy.requireTicket), set]]))
            }
        }
    }
}

/// The policies `policy set` takes, by name.
extension LedgerPolicy.Name: ExpressibleByArgument {}
