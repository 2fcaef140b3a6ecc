import ArgumentParser
import Linting

extension RootCommand {
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check manifests against the best practices of the component documentation.",
            discussion: """
                Checks: resource limits set (resource-limits); host paths read-only unless the agent writes there \
                (read-only-host-path); least privilege (privileged, drop-capabilities, run-as-non-root); a rolling \
                update with a sensible maxUnavailable (rolling-update); node selectors (node-selector); pinned \
                image tags (pinned-image). Each finding names the file, line:column, field path and rule.

                Exit codes: 0 no findings; 1 findings; 2 invalid manifest or usage error.

                Example:
                  dsledger lint -f examples/daemonset-node-monitoring-node-exporter.yaml
                """)

        @Option(name: [.customShort("f"), .customLong("filename")], help: "A manifest file, or - for standard input (repeatable).")
        var files: [String] = []

        func run() async throws {
            let context = CommandContext.current
            let inputs = try ManifestInput.load(files, context: context)
            var lines: [String] = []
            for input in inputs {
                for manifest in input.manifests {
                    lines += Linter.findings(in: manifest).map { $0.formatted(file: input.file) }
                }
            }
            guard !lines.isEmpty else { return }
            context.writeOutput(lines.joined(separator: "\n") + "\n")
            throw ExitStatus.differencesFound
        }
    }
}
