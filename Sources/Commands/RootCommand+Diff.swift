import ArgumentParser
import Foundation
import Ledger
import ObjectModel
import StructuralDiff

/// How `diff` prints.
enum DiffOutput: String, ExpressibleByArgument, CaseIterable {
    case human, unified, json
}

extension RootCommand {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two revisions structurally; secrets by their hashes, never their values.",
            discussion: """
                Objects are matched by apiVersion, kind, namespace and name; lists Kubernetes treats as maps by their \
                keys (containers and env by name, volumeMounts by mountPath, ports by containerPort and protocol…), \
                tolerations and capabilities as sets. REV_B defaults to latest. --format human groups changes per \
                object (coloured on a terminal unless NO_COLOR or --no-color); unified is a unified diff of the \
                canonical YAML; json is {"from", "to", "changes": [{"object", "path", "change", "old", "new"}]}.

                Exit codes: 0 equal; 1 different; 2 error.

                Examples:
                  dsledger diff fluent-bit 3
                  dsledger diff fluent-bit -2 -1 --format unified
                  dsledger diff fluent-bit 1 latest -n logging --format json
                """)

        @Argument(help: "The release (the manifest's metadata.name).")
        var name: String

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("REV_A [REV_B]: N, latest or -K; REV_B defaults to latest.", valueName: "revision"))
        var revisionWords: [String] = []

        @Option(name: .shortAndLong, help: "The release's namespace.")
        var namespace: String?

        @Option(help: "Output: human, unified or json.")
        var format: DiffOutput = .human

        @Flag(name: .customLong("no-color"), help: "Never colour the output.")
        var noColor = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            _ = try RevisionWords.selectors(revisionWords, count: 1...2)
        }

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openForReading(in: context)
            let release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: ledger)
            let selectors = try RevisionWords.selectors(revisionWords, count: 1...2) + (revisionWords.count == 1 ? [.latest] : [])
            let fromRevision = try await ReleaseResolver.revision(selectors[0], of: release, store: ledger)
            let toRevision = try await ReleaseResolver.revision(selectors[1], of: release, store: ledger)
            let from = fromRevision.number, to = toRevision.number
            let reader = RevisionObjects(store: ledger, release: release)
            let (old, new) = try await Self.comparable(fromRevision, toRevision, reader: reader, context: context)
            let changes = ObjectDiff.changes(from: old, to: new)
            switch format {
            case .human:
                let color = !noColor && context.outputIsTerminal && (context.environment["NO_COLOR"] ?? "").isEmpty
                context.writeOutput(DiffFormat.human(changes, color: color))
            case .json:
                context.writeOutput(DiffFormat.json(changes, from: from, to: to))
            case .unified:
                let yaml = { (objects: [JSONValue]) in CanonicalYAML.stream(objects.map(SecretSeal.fingerprinted)) }
                context.writeOutput(LineDiff.unified(yaml(old), yaml(new), oldName: "\(release) revision \(from)",
                                                     newName: "\(release) revision \(to)"))
            }
            if !changes.isEmpty { throw ExitStatus.differencesFound }
        }

        /// Both revisions' objects; when one is partial (imported from a cluster), only what both
        /// hold, with a note on standard error saying what is not compared.
        static func comparable(_ from: Revision, _ to: Revision, reader: RevisionObjects,
                               context: CommandContext) async throws -> ([JSONValue], [JSONValue]) {
            let old = try await reader.objects(from.number), new = try await reader.objects(to.number)
            let notes = [ImportedRevision.missing(from, objects: old), ImportedRevision.missing(to, objects: new)].compactMap { $0 }
            for note in Set(notes).sorted() {
                context.writeError("note: \(note); only what both revisions hold is compared\n")
            }
            return ImportedRevision.comparable(old, new, oldPartial: from.metadata.partial, newPartial: to.metadata.partial)
        }
    }
}
