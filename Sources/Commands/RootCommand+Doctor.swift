import ArgumentParser
import Foundation
import Troubleshooting

/// How `doctor` prints.
enum DoctorOutput: String, ExpressibleByArgument, CaseIterable {
    case human, json
}

extension RootCommand {
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Troubleshoot a DaemonSet: why pods do not land on nodes, are not ready, or keep crashing.",
            discussion: """
                Reads the DaemonSet, the nodes and the DaemonSet's pods and reports, per node, whether a pod lands \
                there and if not exactly why (the node-selector label missing or different, the failing affinity \
                requirement, the untolerated taint with key, value and effect, requests larger than allocatable \
                minus the node's other pods' requests, node not ready; a cordoned node is noted — daemon pods \
                tolerate it); the expected pod count against the status counters and whether the rollout is \
                stuck; the pods that are not ready with their container states and reasons (CrashLoopBackOff, \
                ImagePullBackOff, OOMKilled, CreateContainerConfigError with the missing Secret or ConfigMap \
                key), restart counts, the last --log-lines lines of the crashed container's previous log, and, for \
                permission errors under host paths, the mount and security context involved; then the events of \
                the DaemonSet and its pods, newest first.

                With --nodes FILE (a saved `kubectl get nodes -o yaml`) it runs offline against the latest \
                revision in the ledger: which nodes the recorded revision would land on, before applying it.

                Exit codes: 0 every expected pod is scheduled and ready (offline: every node it lands on can run \
                it); 1 something is wrong; 2 error.

                Examples:
                  dsledger doctor fluent-bit -n logging
                  dsledger doctor fluent-bit --nodes nodes.yaml -o json
                """)

        @Argument(help: "The DaemonSet (the release's metadata.name).")
        var name: String

        @Option(name: .shortAndLong, help: "The namespace (default: the release's in the ledger, else the context's).")
        var namespace: String?

        @Option(name: .shortAndLong, help: "Output: human or json.")
        var output: DoctorOutput = .human

        @Option(name: .customLong("log-lines"), help: "Lines of each crashed container's previous log to show.")
        var logLines = 20

        @Option(help: ArgumentHelp("A saved `kubectl get nodes -o yaml|json`: check the latest recorded revision offline.",
                                   valueName: "file"))
        var nodes: String?

        @OptionGroup var cluster: ClusterOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if logLines < 0 { throw ValidationError("--log-lines must be 0 or more") }
        }

        func run() async throws {
            let context = CommandContext.current
            let diagnosis = if let nodes { try await offline(nodesPath: nodes, context) } else { try await live(context) }
            switch output {
            case .human: context.writeOutput(DiagnosisFormat.human(diagnosis))
            case .json: context.writeOutput(DiagnosisFormat.json(diagnosis))
            }
            if !diagnosis.isHealthy { throw ExitStatus.differencesFound }
        }
    }
}
