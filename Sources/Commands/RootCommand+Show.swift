import ArgumentParser
import Ledger
import ObjectModel

extension RootCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the recorded objects (or manifest) of a revision; secrets as fingerprints.",
            discussion: """
                REV is a number, 'latest', or -K (K revisions before latest). Secret values appear only as short \
                fingerprints of their recorded HMACs (sha256:1a2b3c4d…). A revision recorded with a ticket, approvers \
                or an emergency reason says so on standard error first ('# ops/agent revision 4: OPS-12; approved by \
                bob; self-approved'), so that standard output stays the objects alone. The lint findings recorded \
                with it follow there too ('# ops/agent revision 4 lint: 1 finding (pinned-image at \
                spec.container.app.image.tag)', or 'lint: clean'); a revision recorded without lint (an import, or \
                from before lint was kept) has no such line.

                Exit codes: 0 shown; 2 no such release or revision, ledger error or usage error.

                Examples:
                  dsledger show fluent-bit latest
                  dsledger show fluent-bit 3 --spec
                  dsledger show fluent-bit -1 -n logging -o json
                """)

        @OptionGroup var target: RevisionArguments

        @Option(name: .shortAndLong, help: "Output format: yaml or json.")
        var output: ObjectFormat = .yaml

        @Flag(help: "Show the recorded manifest instead of the objects.")
        var spec = false

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openForReading(in: context)
            let (release, found) = try await target.resolve(in: ledger)
            // The change record goes to standard error, so that standard output stays the objects alone.
            let record = found.metadata.change.text(author: found.metadata.author)
            if !record.isEmpty { context.writeError("# \(release) revision \(found.number): \(record.escapingControlCharacters)\n") }
            if let lint = found.metadata.lint {
                context.writeError("# \(release) revision \(found.number) lint: \(LintRecord.summary(lint))\n")
            }
            if spec {
                let recorded = try await ledger.spec(of: release, number: found.number)
                if recorded == .null, case .cluster(let name)? = found.metadata.origin.flatMap(RevisionOrigin.init) {
                    // A revision imported from a ControllerRevision has objects but no manifest.
                    context.writeError("note: \(release) revision \(found.number) was imported from the ControllerRevision \(name), which holds no manifest, "
                        + "so none was recorded; `dsledger show \(release.name) \(found.number)` prints its objects\n")
                    return
                }
                let document = await SecretSeal.fingerprinted(recorded)
                context.writeOutput(output == .json ? CanonicalJSON.pretty(document) : CanonicalYAML.document(document))
            } else {
                let objects = try await ledger.objects(of: release, number: found.number).map(SecretSeal.fingerprinted)
                context.writeOutput(Render.format(objects, as: output))
            }
        }
    }
}
