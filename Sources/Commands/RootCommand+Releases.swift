import ArgumentParser
import Foundation
import Ledger
import ObjectModel

extension RootCommand {
    struct Releases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "releases",
            abstract: "List every release: its latest revision and the revision last applied to each cluster.",
            discussion: """
                One row per release and cluster it was applied to (one row with empty cluster columns for a release \
                never applied): RELEASE (namespace/name), LATEST (the latest revision), CHANGED (UTC) (when it was \
                recorded), CLUSTER (CONTEXT (SERVER): a cluster is its API server and context together, so two \
                clusters whose context is 'default' are two rows), APPLIED (the revision last applied there by an apply \
                or rollback that succeeded or only timed out waiting for its rollout; a failed, cancelled, in-progress \
                or interrupted one never counts) and APPLIED AT (UTC).

                --at TIME answers for a moment in the past: the latest revision recorded by then and what each cluster \
                had last been applied by then; releases recorded later are left out. TIME is YYYY-MM-DD (midnight UTC) \
                or RFC 3339 (2026-12-03T10:00:00Z, 2026-12-03T11:00:00+01:00), in UTC unless an offset is given.

                -o json prints an array of objects with release {namespace, name}, latest {revision, createdAt} and \
                clusters, an array of {context, server, revision, kind (apply or rollback), appliedAt} (times RFC 3339 UTC).

                Exit codes: 0 listed (also when the ledger holds no release); 2 ledger error or usage error.

                Examples:
                  dsledger releases
                  dsledger releases --at 2026-12-03T12:00:00Z -o json
                """)

        @Option(name: .shortAndLong, help: "Output format: table or json.")
        var output: ListFormat = .table

        @Option(help: ArgumentHelp("What was recorded and applied at TIME (YYYY-MM-DD or RFC 3339; UTC unless an offset is given).",
                                   valueName: "time"))
        var at: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            _ = try QueryTime.parse(optional: at, flag: "--at")
        }

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openForReading(in: context)
            // The ledger's own chains (its policy) are not releases.
            let states = try await ledger.releaseStates(at: try QueryTime.parse(optional: at, flag: "--at"))
                .filter { !LedgerPolicy.isLedgerChain($0.release) }
            switch output {
            case .json:
                context.writeOutput(CanonicalJSON.pretty(.array(states.map(Self.json))))
            case .table:
                let header = ["RELEASE", "LATEST", "CHANGED (UTC)", "CLUSTER", "APPLIED", "APPLIED AT (UTC)"]
                context.writeOutput(TextTable.render(header: header, rows: states.flatMap(Self.rows)))
            }
        }

        static func rows(_ state: ReleaseState) -> [[String]] {
            let release = [state.release.description, String(state.latest), TableTime.format(state.changedAt)]
            guard !state.applied.isEmpty else { return [release + ["", "", ""]] }
            return state.applied.map { applied in
                let revision = String(applied.revision) + (applied.kind == .rollback ? " (rollback)" : "")
                return release + [applied.cluster.description, revision, TableTime.format(applied.at)]
            }
        }

        static func json(_ state: ReleaseState) -> JSONValue {
            [
                "release": HistorySearch.json(state.release),
                "latest": ["revision": .int(Int64(state.latest)), "createdAt": .string(Timestamp.format(state.changedAt))],
                "clusters": .array(state.applied.map { applied in
                    [
                        "context": .string(applied.cluster.context), "server": .string(applied.cluster.server),
                        "revision": .int(Int64(applied.revision)), "kind": .string(applied.kind.rawValue),
                        "appliedAt": .string(Timestamp.format(applied.at)),
                    ]
                }),
            ]
        }
    }
}

/// Times in tables: `2026-11-29 04:16:27` (UTC, to the second).
enum TableTime {
    static func format(_ date: Date) -> String {
        String(Timestamp.format(date).prefix(19).map { $0 == "T" ? " " : $0 })
    }
}
