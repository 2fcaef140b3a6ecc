import Foundation
import Ledger
import ObjectModel
import StructuralDiff

/// Reads what a report says from the store: the only part of the report that reads the ledger.
public struct ReportBuilder: Sendable {
    public var store: any RevisionStore
    public var period: ReportPeriod
    /// At most this many diffs per release, the newest changes' (`--max-diffs`).
    public var maxDiffs: Int
    /// When the report is made: started applies without an outcome are `interrupted` by then.
    public var now: Date

    public init(store: any RevisionStore, period: ReportPeriod, maxDiffs: Int, now: Date) {
        self.store = store
        self.period = period
        self.maxDiffs = maxDiffs
        self.now = now
    }

    /// Every release, or those named, in order, as the report shows them.
    public func releases(_ releases: [ReleaseID]) async throws -> [ReleaseReport] {
        let states = Dictionary(try await store.releaseStates(at: period.until).map { ($0.release, $0) },
                                uniquingKeysWith: { first, _ in first })
        let policy = try await PolicyHistory(store: store)
        var reports: [ReleaseReport] = []
        for release in releases {
            reports.append(try await report(release, state: states[release], policy: policy))
        }
        return reports
    }

    private func report(_ release: ReleaseID, state: ReleaseState?, policy: PolicyHistory) async throws -> ReleaseReport {
        let revisions = try await revisionsInPeriod(of: release)
        let events = try await clusterEvents(of: release)
        let inPeriod = events.filter { period.contains($0.event.draft.createdAt) }
        let diffed = Set(revisions.suffix(maxDiffs).map(\.number))
        let diffs = try await DiffReader(store: store, release: release).diffs(of: diffed.sorted())
        // Each revision's events, found once: a release may hold 10,000 revisions and as many events.
        let deploymentsByRevision = Dictionary(grouping: events.filter { Self.deploys($0.event.draft.kind) && $0.event.draft.revision != nil },
                                               by: { $0.event.draft.revision! })
        let dryRunsByContent = Dictionary(grouping: events.filter { $0.event.draft.kind == .dryRun && $0.event.dryRunContentDigest != nil },
                                          by: { $0.event.dryRunContentDigest! })
        let changes = revisions.map { revision in
            let deployments = deploymentsByRevision[revision.number] ?? []
            let dryRuns = dryRunsByContent[revision.contentDigest] ?? []
            return ChangeEntry(revision: revision, summary: diffs[revision.number].map(ChangeSummary.line) ?? "",
                               lint: revision.metadata.lint, dryRuns: dryRuns, deployments: deployments,
                               emergency: Self.emergency(revision, deployments: deployments, policy: policy),
                               diff: diffs[revision.number])
        }
        let checks = Self.driftChecks(in: events)
        let lastCheck = checks.last { check in period.until.map { check.event.draft.createdAt < $0 } ?? true }
        return ReleaseReport(release: release, current: state?.latest, applied: ClusterRevision.sorted(state?.applied ?? []),
                             lastDriftCheck: lastCheck, changes: changes, diffsLeftOut: revisions.count - diffed.count,
                             events: inPeriod, driftFound: checks.filter { $0.drifted && period.contains($0.event.draft.createdAt) })
    }

    /// The release's revisions recorded in the period, oldest first, read a page at a time.
    private func revisionsInPeriod(of release: ReleaseID) async throws -> [Revision] {
        let query = RevisionQuery(release: release, since: period.since, until: period.until)
        var all: [Revision] = []
        var cursor: RevisionCursor?
        while true {
            let page = try await store.revisions(matching: query, limit: 2000, after: cursor)
            all += page
            guard page.count == 2000, let last = page.last else { break }
            cursor = RevisionCursor(after: last)
        }
        return all.reversed()
    }

    /// The release's cluster events, oldest first, with an apply's `started` event left out when
    /// the same operation recorded its outcome.
    private func clusterEvents(of release: ReleaseID) async throws -> [ClusterEvent] {
        // Events without a cluster are the local record of a revision (`recorded`, `unchanged`).
        let events = try await store.events(of: release, kinds: [.apply, .rollback, .drift, .dryRun], limit: Int(Int32.max))
            .filter { $0.draft.cluster != nil }
        let ended = Set(events.filter { $0.draft.outcome != .started }.compactMap(\.operation))
        return events.reversed()
            .filter { $0.draft.outcome != .started || !($0.operation.map(ended.contains) ?? false) }
            .map { ClusterEvent(event: $0, outcome: $0.shownOutcome(at: now)) }
    }

    /// The drift checks among `events` (oldest first), each drifted one with the first later
    /// apply or rollback to the same cluster that succeeded: one pass over the events.
    static func driftChecks(in events: [ClusterEvent]) -> [DriftCheck] {
        var checks: [DriftCheck] = []
        var unresolved: [ClusterTarget?: [Int]] = [:]
        for item in events {
            let draft = item.event.draft
            if draft.kind == .drift {
                if draft.outcome == .drifted { unresolved[draft.cluster, default: []].append(checks.count) }
                checks.append(DriftCheck(event: item.event, findings: item.event.driftFindings,
                                         findingsLeftOut: item.event.driftFindingsLeftOut, resolvedBy: nil))
            } else if deploys(draft.kind), EventOutcome.applied.contains(draft.outcome) {
                for index in unresolved.removeValue(forKey: draft.cluster) ?? [] { checks[index].resolvedBy = item.event }
            }
        }
        return checks
    }

    static func deploys(_ kind: EventKind) -> Bool { kind == .apply || kind == .rollback }

    /// Why a change counts as an emergency, or nil.
    static func emergency(_ revision: Revision, deployments: [ClusterEvent], policy: PolicyHistory) -> String? {
        let metadata = revision.metadata
        if let reason = metadata.change.emergency { return "emergency: \(reason)" }
        if let reason = deployments.lazy.compactMap(\.event.draft.change.emergency).first { return "emergency apply: \(reason)" }
        if metadata.action == .rollback {
            return metadata.restoredFrom.map { "rollback to revision \($0)" } ?? "rollback"
        }
        if metadata.change.ticket == nil, metadata.action != .import, policy.requiresTicket(at: metadata.createdAt) {
            return "no ticket where the policy required one"
        }
        return nil
    }
}

/// The ledger's `require-ticket` policy over time, from its policy events.
struct PolicyHistory: Sendable {
    /// Each change of policy, oldest first.
    var changes: [(at: Date, requireTicket: Bool)]

    init(store: any RevisionStore) async throws {
        let events = try await store.events(of: LedgerPolicy.release, kinds: [.policy], limit: Int(Int32.max))
        changes = events.reversed().map { ($0.draft.createdAt, LedgerPolicy(detail: $0.draft.detail).requireTicket) }
    }

    /// Whether a ticket was required at `date`.
    func requiresTicket(at date: Date) -> Bool {
        changes.last { $0.at <= date }?.requireTicket ?? false
    }
}
