import ArgumentParser
import DriftDetection
import Foundation
import KubernetesRules
import ObjectModel

/// How `drift` prints.
enum DriftOutput: String, ExpressibleByArgument, CaseIterable {
    case human, json
}

extension RootCommand {
    struct Drift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drift",
            abstract: "Compare live objects with what was applied: classified, attributed drift.",
            discussion: """
                Offline form: --desired FILE --live FILE compares any Kubernetes manifest (one object, several YAML \
                documents, or a List) with a saved `kubectl get -o yaml|json` (one object or a List). \
                --desired last-applied uses each live object's kubectl.kubernetes.io/last-applied-configuration. \
                No store or cluster is needed; Secret values are compared by HMAC under a key made for the run and \
                never printed.

                The live side is normalised first: status, server-populated metadata and the server's defaults for \
                --server-version (guessed from the live objects when not given) are not drift. Each item is \
                changed, added, removed, secretChanged or reordered, attributed from managedFields when the saved \
                object has them (kubectl get --show-managed-fields). -o json prints {"release", "revision", \
                "unknownLink", "items": [{"object", "path", "change", "expected", "live", "manager", "operation", \
                "time"}]}.

                With a release, the cluster is a second witness of the ledger: when the live DaemonSet's \
                dsledger.io/revision, dsledger.io/content-digest or dsledger.io/chain-digest annotations name a link \
                the ledger does not have, that is a finding of its own (unknownLink).

                Exit codes: 0 no drift; 1 drift, or a live link the ledger does not have; 2 error.

                Examples:
                  dsledger drift --desired daemonset.yaml --live live.yaml
                  kubectl get ds -n logging -o json > live.json && dsledger drift --desired last-applied --live live.json -o json
                """)

        @Argument(help: "The release (the manifest's metadata.name); needs a cluster.")
        var name: String?

        @Flag(help: "Every release applied to the current context; needs a cluster.")
        var all = false

        @Option(help: ArgumentHelp("The desired objects: a manifest file, - for standard input, or last-applied.",
                                   valueName: "file"))
        var desired: String?

        @Option(help: ArgumentHelp("A saved `kubectl get -o yaml|json` of the live objects.", valueName: "file"))
        var live: String?

        @Option(name: .customLong("server-version"), help: "The API server's version, e.g. 1.23 (guessed when absent).")
        var serverVersion: String?

        @Option(name: .shortAndLong, help: "Output: human or json.")
        var output: DriftOutput = .human

        @Flag(name: .customLong("no-color"), help: "Never colour the output.")
        var noColor = false

        @Option(name: .shortAndLong, help: "The release's namespace (needed when several have the name).")
        var namespace: String?

        @OptionGroup var cluster: ClusterOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if name != nil, all { throw ValidationError("give a release NAME or --all, not both") }
            if (name != nil || all), desired != nil {
                throw ValidationError("--desired compares two files; do not combine it with a release NAME or --all")
            }
            if all, live != nil { throw ValidationError("--all reads the cluster; compare one release with a file as NAME --live FILE") }
            if name == nil, !all, live == nil { throw ValidationError("give a release NAME, --all, or --desired FILE --live FILE") }
            if name == nil, !all, desired == nil {
                throw ValidationError("give --desired FILE (or --desired last-applied) to compare with --live FILE")
            }
            if let serverVersion, KubernetesVersion(serverVersion) == nil {
                throw ValidationError("invalid --server-version '\(serverVersion)'; use a version such as 1.23 or v1.31.2")
            }
        }

        func run() async throws {
            let context = CommandContext.current
            if all { return try await runAll(context) }
            if let name { return try await runRelease(name, context) }
            guard let livePath = live, let desiredPath = desired else { return }
            let comparison = try DriftFiles.load(desired: desiredPath, live: livePath, context: context)
            let version = serverVersion.flatMap(KubernetesVersion.init) ?? ServerVersionGuess.version(from: comparison.live)
            let report = DriftDetector(version: version).report(applied: comparison.desired, live: comparison.live)
            try show([report], context: context)
        }
    }
}
