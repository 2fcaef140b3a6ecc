import ArgumentParser
import AuditReport
import Foundation
import Ledger

/// `html`, `json` or `markdown`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, json, markdown
}

extension RootCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a change-audit report of releases: who changed what, why, approved by whom, tested how, deployed where.",
            discussion: """
                Per release: a summary (current revision, the revision last applied to each cluster and when, the last \
                drift check, the integrity verdict of 'dsledger verify'), a timeline with one lane per cluster, a change \
                log (revision, time, requested by, reason, ticket, approved by, tested, deployed, emergency), each \
                change's diff against the revision before it (secrets as "secret changed" with fingerprints, never \
                values), and the drift found with who made it and what resolved it. See docs/report.md.

                -o html (the default) is one self-contained file: inline CSS and SVG, no script, nothing fetched; it \
                prints a release per page. -o json is the same content in a stable schema (dsledger.io/audit-report/v1); \
                -o markdown is for pasting into a ticket. Times are shown in UTC with their offset, or in --timezone \
                (an IANA name); JSON times are always RFC 3339 UTC.

                --since and --until bound the changes reported (--since inclusive, --until exclusive; TIME is \
                YYYY-MM-DD or RFC 3339, in UTC unless an offset is given). --max-diffs keeps the newest N diffs per \
                release and says how many were left out.

                The ledger is only read (as by verify). The chain key comes from --chain-key FILE, else the ledger key.

                Exit codes: 0 report written; 1 report written, but the ledger is damaged or does not extend the \
                checkpoint; 2 error (nothing written).

                Examples:
                  dsledger report fluent-bit --output-file fluent-bit-audit.html
                  dsledger report --all --since 2026-10-01 --until 2027-01-01 --timezone Europe/Berlin -o markdown
                  dsledger report --all -o json --checkpoint checkpoints/2026-12-01.json --public-key checkpoint.pub
                """)

        @Argument(help: "The releases to report (the manifests' metadata.name); none with --all.")
        var names: [String] = []

        @Option(name: .shortAndLong, help: "The releases' namespace (with --all: only releases of this namespace).")
        var namespace: String?

        @Flag(help: "Report every release.")
        var all = false

        @Option(help: ArgumentHelp("Changes recorded at or after TIME (YYYY-MM-DD or RFC 3339).", valueName: "time"))
        var since: String?

        @Option(help: ArgumentHelp("Changes recorded before TIME (YYYY-MM-DD or RFC 3339).", valueName: "time"))
        var until: String?

        @Option(name: .shortAndLong, help: "Output format: html, json or markdown.")
        var output: ReportFormat = .html

        @Option(name: .customLong("output-file"), help: ArgumentHelp("Write the report to FILE (replaced whole) instead of standard output.", valueName: "FILE"))
        var outputFile: String?

        @Option(help: ArgumentHelp("Show times in this zone (an IANA name such as Europe/Berlin) instead of UTC.", valueName: "zone"))
        var timezone: String?

        @Option(name: .customLong("max-diffs"), help: "Show at most N diffs per release, the newest.")
        var maxDiffs = 200

        @Option(name: .customLong("chain-key"), help: ArgumentHelp(
            "The chain key ('dsledger key chain-key' writes it): check the links without the ledger key.", valueName: "FILE"))
        var chainKeyFile: String?

        @OptionGroup var checkpoint: CheckpointOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if all == !names.isEmpty {
                throw ValidationError(all ? "--all reports every release; name no release with it" : "name one or more releases, or give --all")
            }
            guard maxDiffs >= 0 else { throw ValidationError("--max-diffs must be 0 or more") }
            _ = try period()
            if let timezone, ReportZone(identifier: timezone) == nil {
                throw ValidationError("--timezone: '\(timezone)' is not a time zone name (such as UTC or Europe/Berlin)")
            }
        }

        private func period() throws -> ReportPeriod {
            ReportPeriod(since: try QueryTime.parse(optional: since, flag: "--since"), until: try QueryTime.parse(optional: until, flag: "--until"))
        }

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openReadOnly(in: context)
            let releases = try await selected(in: ledger)
            let source = try await ChainKeySource.resolve(chainKeyFile: chainKeyFile, store: store, ledger: ledger, context: context)
            if source.key == nil {
                context.writeError("dsledger: warning: no chain key or ledger key was given, so the report's integrity verdict does not "
                    + "cover the link digests; give --chain-key FILE or the ledger key\n")
            }
            // The chains are verified on a connection of their own while the report is read on
            // this one: the two take about as long on a large ledger, and a machine has two cores.
            let verifier = try await store.openReadOnly(in: context)
            async let verifying = verifier.verify(chainKey: source.key, scope: .chains)
            let outcome = try await checkpoint.verify(ledger, in: context)
            let summary = outcome.map {
                CheckpointSummary(file: $0.file, extends: $0.extends, signatureChecked: $0.signatureChecked, findings: $0.findings.map(\.description))
            }
            let now = context.now()
            let builder = ReportBuilder(store: ledger, period: try period(), maxDiffs: maxDiffs, now: now)
            let reported = try await builder.releases(releases)
            let verification = try await verifying
            let model = ReportModel(generatedAt: now, ledger: ledger.location, toolVersion: ToolVersion.current, period: try period(),
                                    zone: timezone.flatMap(ReportZone.init(identifier:)) ?? .utc,
                                    integrity: LedgerIntegrity(verification, checkpoint: summary), releases: reported)
            let text: String
            switch output {
            case .html: text = HTMLReport.render(model)
            case .json: text = JSONReport.render(model)
            case .markdown: text = MarkdownReport.render(model)
            }
            if let outputFile {
                try FileProblemError.write(text, to: outputFile, what: "the report")
                let changes = model.releases.reduce(0) { $0 + $1.changes.count }
                context.writeError("wrote \(outputFile): \(VerifyReport.counted(model.releases.count, "release")), "
                                   + "\(VerifyReport.counted(changes, "change"))\n")
            } else {
                context.writeOutput(text)
            }
            guard verification.isIntact, outcome?.extends ?? true else { throw ExitStatus.differencesFound }
        }

        /// The releases named (each resolved as `history` resolves it), or every release with `--all`.
        private func selected(in ledger: any RevisionStore) async throws -> [ReleaseID] {
            guard all else {
                var releases: [ReleaseID] = []
                for name in names {
                    let release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: ledger)
                    if !releases.contains(release) { releases.append(release) }
                }
                return releases
            }
            return try await ledger.releases().filter { !LedgerPolicy.isLedgerChain($0) && (namespace == nil || $0.namespace == namespace) }
        }
    }
}
