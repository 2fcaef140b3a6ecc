import ArgumentParser
import DriftDetection
import Foundation
import History
import KubernetesRules
import Ledger
import ObjectModel

extension RootCommand.Drift {
    /// `drift NAME`: the revision last applied to this context against the cluster, or, with
    /// `--live FILE`, against a saved `kubectl get` (the latest revision when never applied).
    func runRelease(_ name: String, _ context: CommandContext) async throws {
        let ledger = try await store.open(in: context, create: false)
        let release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: ledger)
        let key = try await store.secretKey(in: context, store: ledger)
        if let livePath = live {
            let latest = try await ReleaseResolver.revision(.latest, of: release, store: ledger).number
            let number = try await ledger.lastApplied(of: release, cluster: try cluster.target(in: context)) ?? latest
            try await offline(AppliedRelease(release: release, revision: number), livePath: livePath, ledger: ledger, key: key, context: context)
            return
        }
        let target = try cluster.target(in: context)
        guard let number = try await ledger.lastApplied(of: release, cluster: target) else {
            throw CommandError.neverApplied(release, context: target.context, comparing: true)
        }
        let reports = try await checker(ledger, key: key, context: context).reports(for: [AppliedRelease(release: release, revision: number)])
        try show(reports, context: context)
    }

    /// `drift --all`: every release applied to this context, one LIST per kind.
    func runAll(_ context: CommandContext) async throws {
        let ledger = try await store.open(in: context, create: false)
        let target = try cluster.target(in: context)
        let releases = try await ledger.releasesApplied(to: target)
        guard !releases.isEmpty else {
            context.writeError("no release was applied to context '\(target.context)' (\(target.server))\n")
            return try show([], context: context)
        }
        let key = try await store.secretKey(in: context, store: ledger)
        let reports = try await checker(ledger, key: key, context: context).reports(for: releases)
        try show(reports, context: context, summary: true)
    }

    private func checker(_ ledger: any RevisionStore, key: SecretKey, context: CommandContext) throws -> LiveDrift {
        LiveDrift(context: context, ledger: ledger, connection: try cluster.connection(in: context), key: key,
                  author: Recording(context: context, message: nil).author())
    }

    /// A recorded revision against a saved `kubectl get` file, live Secrets sealed with the ledger's key.
    private func offline(_ applied: AppliedRelease, livePath: String, ledger: any RevisionStore, key: SecretKey,
                         context: CommandContext) async throws {
        let (objects, revision) = try await LiveDrift.appliedObjects(applied, ledger: ledger)
        let live = SecretSeal.sealed(try KubernetesObjectFile.objects(at: livePath, context: context)
            .map { DriftFiles.identified($0, from: objects.objects) }, key: key).objects
        let version = serverVersion.flatMap(KubernetesVersion.init) ?? ServerVersionGuess.version(from: live)
        let report = DriftDetector(version: version).report(applied: objects.objects, live: live, release: objects.release,
                                                            revision: applied.revision)
        try show([try await LiveDrift.witnessed(report, release: applied.release, ledger: ledger, applied: revision)], context: context)
    }

    /// Prints the reports (a summary table first for `--all`) and exits 1 when any drifted.
    func show(_ reports: [DriftReport], context: CommandContext, summary: Bool = false) throws {
        switch output {
        case .json:
            context.writeOutput(summary || reports.count != 1 ? DriftFormat.json(reports) : DriftFormat.json(reports[0]))
        case .human:
            let color = !noColor && context.outputIsTerminal && (context.environment["NO_COLOR"] ?? "").isEmpty
            var out = ""
            if summary {
                let rows = reports.map { report in
                    [report.release ?? "", report.revision.map(String.init) ?? "", report.isClean ? "clean" : "drifted",
                     String(report.items.count)]
                }
                out += TextTable.render(header: ["RELEASE", "REVISION", "STATE", "ITEMS"], rows: rows)
            }
            for report in reports {
                if let note = DriftFormat.revisionNote(report) { out += (summary ? "\n" : "") + note + "\n" }
                if report.isClean {
                    if !summary { out += (report.release.map { "\($0): " } ?? "") + "no drift\n" }
                    continue
                }
                if summary || report.release != nil {
                    out += (summary ? "\n" : "") + "\(report.release ?? "") revision \(report.revision.map(String.init) ?? "?"):\n"
                }
                out += DriftFormat.human(report, color: color)
            }
            context.writeOutput(out)
        }
        if reports.contains(where: { !$0.isClean }) { throw ExitStatus.differencesFound }
    }
}
