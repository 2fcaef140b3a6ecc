import ArgumentParser
import Foundation
import History
import KubeAPI
import Ledger
import ObjectModel

extension RootCommand {
    struct ImportCluster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cluster",
            abstract: "Record a live DaemonSet's ControllerRevisions, oldest first, as partial revisions.",
            discussion: """
                Reads the DaemonSet and the ControllerRevisions its label selector finds (those it owns), ordered \
                by revision number, and records each pod template as a revision marked imported, with the \
                revision's creation time and its kubernetes.io/change-cause annotation as the message. The live \
                DaemonSet (with its update strategy) becomes the latest revision. A ControllerRevision holds only \
                the pod template: not the update strategy, nor the Secrets, ConfigMaps, ServiceAccount or RBAC \
                objects. These revisions are stored as partial, and diff and regenerate say what they lack. Run \
                again, it adds only ControllerRevisions not imported yet.

                Exit codes: 0 imported; 2 no such DaemonSet, kubeconfig, cluster, ledger or usage error (nothing recorded).

                Examples:
                  dsledger import cluster fluent-bit -n logging
                  dsledger import cluster node-exporter -n monitoring --context prod
                """)

        @Argument(help: "The DaemonSet's name.")
        var name: String

        @Option(name: .shortAndLong, help: "Its namespace (default: the context's namespace).")
        var namespace: String?

        @OptionGroup var cluster: ClusterOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let connection = try cluster.connection(in: context)
            let namespace = self.namespace ?? connection.namespace
            let history = try await Self.read(name: name, namespace: namespace, connection: connection, environment: context.environment)
            let ledger = try await store.open(in: context, create: true)
            let known = try await ledger.origins(of: history.release, prefix: "cluster:")
            let (drafts, already) = history.drafts(skipping: known, recordedAt: context.now())
            let key = try await store.secretKey(in: context, store: ledger)
            let outcomes = try await ledger.record(drafts, chainKey: ChainKey(deriving: key))
            report(outcomes, history: history, already: already, target: connection.target, context: context)
        }

        /// The DaemonSet and the ControllerRevisions it owns, in one connection.
        static func read(name: String, namespace: String, connection: ClusterConnection,
                         environment: [String: String]) async throws -> ClusterHistory {
            let release = ReleaseID(namespace: namespace, name: name)
            let limits = try CommandContext.execLimits(in: environment)
            do {
                return try await withKubeClient(connection, environment: environment, execLimits: limits) { client in
                    guard let daemonSet = try await client.get(.daemonSets, namespace: namespace, name: name) else {
                        throw CommandError.noDaemonSet(namespace: namespace, name: name, context: connection.target.context)
                    }
                    let selector = LabelSelectorText.query(daemonSet.value(atMemberPath: "spec.selector"))
                    let revisions = try await client.list(.controllerRevisions, namespace: namespace, labelSelector: selector)
                    return ClusterHistory(release: release, daemonSet: daemonSet, revisions: revisions)
                }
            } catch let failure as any ReportableError {
                throw failure
            } catch {
                throw CommandError.failed(error)
            }
        }

        private func report(_ outcomes: [RecordOutcome], history: ClusterHistory, already: Int, target: ClusterTarget,
                            context: CommandContext) {
            let recorded = outcomes.compactMap { outcome -> Revision? in
                if case .recorded(let revision) = outcome { return revision }
                return nil
            }
            let count = history.revisions.count
            var line = "read \(history.release) from context '\(target.context)': \(count) ControllerRevision\(count == 1 ? "" : "s")"
            if let first = recorded.first, let last = recorded.last {
                line += first.number == last.number ? ", imported as revision \(first.number)" : ", imported as revisions \(first.number)–\(last.number)"
                if case .recorded? = outcomes.last { line += " (revision \(last.number) is the live DaemonSet)" }
            } else {
                line += ", nothing new to import"
            }
            if already > 0 { line += "; \(already) already imported" }
            context.writeOutput(line + "\n")
            context.writeOutput("note: \(ClusterHistory.notContained); these revisions are stored as partial, and diff and regenerate say what they lack\n")
        }
    }
}

/// A DaemonSet's `spec.selector` as a `labelSelector` query.
enum LabelSelectorText {
    /// `k=v,k2=v2,tier in (a,b),!canary`; `nil` for an empty or missing selector.
    static func query(_ selector: JSONValue?) -> String? {
        var parts = (selector?["matchLabels"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.stringValue ?? "")" }
        for expression in selector?["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
            switch expression["operator"]?.stringValue {
            case "In": parts.append("\(key) in (\(values))")
            case "NotIn": parts.append("\(key) notin (\(values))")
            case "Exists": parts.append(key)
            case "DoesNotExist": parts.append("!\(key)")
            default: continue
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ",")
    }
}
