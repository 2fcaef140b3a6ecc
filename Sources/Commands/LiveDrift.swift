import DriftDetection
import Foundation
import History
import KubeAPI
import KubernetesRules
import Ledger
import ObjectModel

/// `drift NAME` and `drift --all`: the revisions last applied to this context against the live
/// cluster, each check recorded as an event with its counts and its findings (``DriftFinding``).
struct LiveDrift {
    let context: CommandContext
    let ledger: any RevisionStore
    let connection: ClusterConnection
    let key: SecretKey
    let author: String

    /// The reports of `releases` (one GET per object for one release, one LIST per kind for
    /// several), each with the cluster's witness checked, recorded as drift events.
    func reports(for releases: [AppliedRelease]) async throws -> [DriftReport] {
        var applied: [ReleaseObjects] = []
        var recorded: [Revision] = []
        for release in releases {
            let found = try await Self.appliedObjects(release, ledger: ledger)
            applied.append(found.objects)
            recorded.append(found.revision)
        }
        let key = self.key
        let reports = try await context.withClient(connection) { client in
            let version = try await client.serverVersion()
            let check = DriftCheck(reader: KubeLiveObjectReader(client: client),
                                   version: KubernetesVersion(major: version.major, minor: version.minor),
                                   labelSelector: releases.count > 1 ? "app.kubernetes.io/managed-by=dsledger" : nil,
                                   sealLiveSecret: { SecretSeal.sealed([$0], key: key).objects.first ?? $0 })
            return try await check.reports(for: applied)
        }
        var witnessed: [DriftReport] = []
        for (index, report) in reports.enumerated() {
            witnessed.append(try await Self.witnessed(report, release: releases[index].release, ledger: ledger, applied: recorded[index]))
            try await record(witnessed[index], release: releases[index])
        }
        return witnessed
    }

    /// `report` with the cluster's witness checked: the link the live DaemonSet's annotations
    /// name (revision number, content and chain digests) must be one the ledger has. `applied`
    /// is the revision compared, already read: the one the live DaemonSet names, as a rule.
    static func witnessed(_ report: DriftReport, release: ReleaseID, ledger: any RevisionStore,
                          applied: Revision) async throws -> DriftReport {
        guard let live = report.liveRevision else { return report }
        var named: Revision? = applied
        if live.revision != applied.number {
            named = nil
            if let number = live.revision { named = try await ledger.revision(of: release, number: number) }
        }
        let link = named.map { LiveRevision.LedgerLink(contentDigest: $0.contentDigest, chainDigest: $0.chainDigest) }
        var report = report
        report.unknownLink = live.unknownLink(inLedger: link)
        return report
    }

    /// The revision's stored objects as they were applied: with the revision annotations on the
    /// DaemonSet's metadata; and the revision.
    static func appliedObjects(_ applied: AppliedRelease, ledger: any RevisionStore) async throws
        -> (objects: ReleaseObjects, revision: Revision)
    {
        guard let revision = try await ledger.revision(of: applied.release, number: applied.revision) else {
            throw CommandError.noRevision(applied.release, String(applied.revision))
        }
        let objects = await ClusterApply.annotated(try ledger.objects(of: applied.release, number: applied.revision),
                                             revision: applied.revision, contentDigest: revision.contentDigest,
                                             chainDigest: revision.chainDigest)
        return (ReleaseObjects(release: applied.release.description, revision: applied.revision, objects: objects), revision)
    }

    private func record(_ report: DriftReport, release: AppliedRelease) async throws {
        var counts: [String: JSONValue] = [:]
        for item in report.items { counts[item.change.rawValue] = .int((counts[item.change.rawValue]?.intValue ?? 0) + 1) }
        var detail: [String: JSONValue] = ["items": .int(Int64(report.items.count)), "changes": .object(counts)]
        if let live = report.liveRevision?.revision { detail["liveRevision"] = .int(Int64(live)) }
        if let unknown = report.unknownLink { detail["unknownLink"] = .string(unknown) }
        // The items themselves (where, what class, who; never a value), at most DriftFinding.limit.
        detail.merge(DriftFinding.detail(report.items.map(DriftFinding.init))) { _, finding in finding }
        let event = EventDraft(release: release.release, kind: .drift, outcome: report.isClean ? .clean : .drifted,
                               revision: release.revision, author: author, createdAt: context.now(),
                               cluster: connection.target, detail: .object(detail))
        try await ledger.recordEvent(event, chainKey: ChainKey(deriving: key))
    }
}
