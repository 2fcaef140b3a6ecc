import ArgumentParser
import Ledger
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
            commandName: "render",
            abstract: "Validate manifests, print the Kubernetes objects they render to, and record the revision.",
            discussion: """
                Prints the objects in apply order: Namespace, ConfigMaps, ServiceAccount, RBAC, Secrets, DaemonSet. \
                YAML (default) is a multi-document stream; JSON is a v1 List. The same input always prints the same \
                bytes. Best-practice findings (see 'dsledger lint') go to standard error.

                Each manifest is recorded in the ledger as a new revision of its release (namespace, name), or, when \
                nothing changed since the latest revision, as an event only; standard error says which. Secret values \
                are never stored: only their HMACs. Nothing is recorded when any manifest is invalid. --ticket and \
                --approved-by (or DSLEDGER_TICKET and DSLEDGER_APPROVED_BY) are recorded with the revision (with the \
                event when nothing changed). The ledger's policy require-ticket never refuses a render: it only \
                records, and the apply or rollback that changes a cluster is what the policy guards.

                Exit codes: 0 rendered (and recorded); 2 invalid manifest, ledger error or usage error (every problem \
                is listed, with file, line:column and field path).

                Examples:
                  dsledger render -f examples/daemonset-log-collector-fluent-bit.yaml
                  dsledger render -f examples/daemonset-security-agent-falco.yaml --docker-config ~/.docker/config.json -o json
                  cat manifest.yaml | dsledger render -f - --no-record
                  dsledger render -f fluent-bit.yaml -m "raise memory limit" --db /tmp/ledger.db
                """)

        @Option(name: [.customShort("f"), .customLong("filename")], help: "A manifest file, or - for standard input (repeatable).")
        var files: [String] = []

        @Option(name: .shortAndLong, help: "Output format: yaml or json.")
        var output: ObjectFormat = .yaml

        @Option(name: .customLong("docker-config"), help: "A Docker config.json to render an image-pull Secret from.")
        var dockerConfig: String?

        @Flag(name: .customLong("no-record"), help: "Only print; record nothing.")
        var noRecord = false

        @Option(name: .shortAndLong, help: "Why this revision was made (recorded with it).")
        var message: String?

        @OptionGroup var records: ChangeOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let inputs = try ManifestInput.load(files, context: context)
            let dockerJSON = try dockerConfig.map { try DockerConfig.load($0, context: context) }
            let renderer = Renderer(options: .init(dockerConfigJSON: dockerJSON))
            var objects: [JSONValue] = []
            var warnings: [String] = []
            var rendered: [(manifest: Manifest, file: String, objects: [JSONValue])] = []
            for input in inputs {
                for manifest in input.manifests {
                    let manifestObjects = renderer.rendered(manifest)
                    rendered.append((manifest, input.file, manifestObjects))
                    objects += manifestObjects
                    warnings += Linter.findings(in: manifest).map { $0.formatted(file: input.file) }
                }
            }
            try Self.checkUnique(objects)
            if !noRecord {
                let ledger = try await store.open(in: context, create: true)
                let key = try await store.secretKey(in: context, store: ledger)
                let recording = Recording(context: context, message: message, change: records.record(in: context))
                let drafts = rendered.map { item in
                    recording.draft(item.manifest, objects: item.objects, file: item.file, key: key)
                }
                try await recording.record(drafts, store: ledger, key: key)
            }
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
                    throw CommandError.duplicateObject(kind: kind, name: shown)
                }
            }
        }
    }
}
