import ArgumentParser
import Ledger
import ObjectModel
import StructuralDiff

extension RootCommand {
    struct Blame: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "blame",
            abstract: "For each field of a revision: the revision, time and author that set its current value.",
            discussion: """
                REV defaults to latest. --path keeps the fields whose path starts with PATH (as printed, e.g. \
                spec.template.spec.containers[name=daemonset-container].image). Secret values appear as fingerprints.

                Exit codes: 0 shown; 2 no such release or revision, ledger error or usage error.

                Examples:
                  dsledger blame fluent-bit
                  dsledger blame fluent-bit 7 --path spec.updateStrategy -o json
                """)

        @Argument(help: "The release (the manifest's metadata.name).")
        var name: String

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The revision: N, latest or -K (default latest).", valueName: "revision"))
        var revisionWords: [String] = []

        @Option(name: .shortAndLong, help: "The release's namespace.")
        var namespace: String?

        @Option(help: "Only fields whose path starts with this.")
        var path: String?

        @Option(name: .shortAndLong, help: "Output format: table or json.")
        var output: ListFormat = .table

        @OptionGroup var store: StoreOptions

        func validate() throws {
            _ = try RevisionWords.selectors(revisionWords, count: 0...1)
        }

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openForReading(in: context)
            let release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: ledger)
            let selector = try RevisionWords.selectors(revisionWords, count: 0...1).first ?? .latest
            let target = try await ReleaseResolver.revision(selector, of: release, store: ledger)
            let reader = RevisionObjects(store: ledger, release: release)
            var entries = try await FieldBlame.entries(latest: target.number, revision: reader.blameRevision, object: reader.object)
            if let path { entries = entries.filter { $0.path.description.hasPrefix(path) } }
            var revisions: [Int: Revision] = [:]
            for number in Set(entries.map { $0.revision }) { revisions[number] = try await ledger.revision(of: release, number: number) }
            switch output {
            case .json:
                context.writeOutput(CanonicalJSON.pretty(.array(entries.map { entry in
                    let revision = revisions[entry.revision]
                    return ["object": .string(entry.object.description), "path": .string(entry.path.description), "value": entry.value,
                            "revision": .int(Int64(entry.revision)),
                            "createdAt": .string(revision.map { Timestamp.format($0.metadata.createdAt) } ?? ""),
                            "author": .string(revision?.metadata.author ?? "")]
                })))
            case .table:
                let rows = entries.map { entry -> [String] in
                    let revision = revisions[entry.revision]
                    var value = DiffFormat.text(entry.value)
                    if value.count > 40 { value = String(value.prefix(39)) + "…" }
                    value = value.replacingOccurrences(of: "\n", with: "⏎")
                    return [String(entry.revision), revision.map { History.created($0) } ?? "", revision?.metadata.author ?? "",
                            entry.object.title, entry.path.description, value]
                }
                context.writeOutput(TextTable.render(header: ["REVISION", "CREATED (UTC)", "AUTHOR", "OBJECT", "PATH", "VALUE"], rows: rows))
            }
        }
    }
}
