import ArgumentParser
import Linting
import ManifestModel
import ObjectModel
import Rendering

/// The output formats of commands that print Kubernetes objects.
enum ObjectFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

extension RootCommand {
    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate manifests and print the Kubernetes objects they render to.",
            discussion: """
                Prints the objects in apply order: Namespace, ConfigMaps, ServiceAccount, RBAC, Secrets, DaemonSet. \
                YAML (default) is a multi-document stream; JSON is a v1 List. The same input always prints the same \
                bytes. Best-practice findings (see 'dsledger lint') go to standard error.

                Exit codes: 0 rendered; 2 invalid manifest or usage error (every problem is listed, with file, \
                line:column and field path).

                Examples:
                  dsledger render -f examples/daemonset-log-collector-fluent-bit.yaml
                  dsledger render -f examples/daemonset-security-agent-falco.yaml --docker-config ~/.docker/config.json -o json
                  cat manifest.yaml | dsledger render -f -
                """)

        @Option(name: [.customShort("f"), .customLong("filename")], help: "A manifest file, or - for standard input (repeatable).")
        var files: [String] = []

        @Option(name: .shortAndLong, help: "Output format: yaml or json.")
        var output: ObjectFormat = .yaml

        @Option(name: .customLong("docker-config"), help: "A Docker config.json to render an image-pull Secret from.")
        var dockerConfig: String?

        func run() async throws {
            let context = CommandContext.current
            let inputs = try ManifestInput.load(files, context: context)
            let dockerJSON = try dockerConfig.map { try DockerConfig.load($0, context: context) }
            let renderer = Renderer(options: .init(dockerConfigJSON: dockerJSON))
            var objects: [JSONValue] = []
            var warnings: [String] = []
            for input in inputs {
                for manifest in input.manifests {
                    objects += renderer.rendered(manifest)
                    warnings += Linter.findings(in: manifest).map { $0.formatted(file: input.file) }
                }
            }
            try Self.checkUnique(objects)
            if !warnings.isEmpty { context.writeError(warnings.joined(separator: "\n") + "\n") }
            context.writeOutput(Self.format(objects, as: output))
        }

        /// The objects as canonical text.
        static func format(_ objects: [JSONValue], as format: ObjectFormat) -> String {
            switch format {
            case .yaml: return CanonicalYAML.stream(objects)
            case .json: return CanonicalJSON.pretty(["apiVersion": "v1", "kind": "List", "items": .array(objects)])
            }
        }

        /// Two documents that render the same object would overwrite each other when applied.
        static func checkUnique(_ objects: [JSONValue]) throws {
            var seen = Set<String>()
            for object in objects {
                let kind = object["kind"]?.stringValue ?? ""
                let namespace = object.value(atMemberPath: "metadata.namespace")?.stringValue
                let name = object.value(atMemberPath: "metadata.name")?.stringValue ?? ""
                let identity = [kind, namespace ?? "", name].joined(separator: "/")
                guard seen.insert(identity).inserted else {
                    let shown = namespace.map { "\($0)/\(name)" } ?? name
                    throw CommandFailure(description: "dsledger: error: two manifests render the same \(kind) '\(shown)'; give each DaemonSet its own name or namespace")
                }
            }
        }
    }
}
