import Foundation
import Ledger
import ObjectModel
import StructuralDiff

/// `report -o json`: the report as one JSON document of a stable schema (docs/report.md), for
/// evidence systems. Times are RFC 3339 UTC whatever `--timezone` says; revisions and cluster
/// events use the projection `history -o json` prints (``HistoryProjection``).
public enum JSONReport {
    /// The schema's name and version; a change that removes or renames a member gets a new one.
    public static let schema = "dsledger.io/audit-report/v1"

    public static func render(_ model: ReportModel) -> String {
        let value: JSONValue = [
            "schema": .string(schema),
            "generatedAt": .string(Timestamp.format(model.generatedAt)),
            "ledger": .string(model.ledger),
            "toolVersion": .string(model.toolVersion),
            "period": ["since": time(model.period.since), "until": time(model.period.until)],
            "timezone": .string(model.zone.name),
            "integrity": integrity(model.integrity),
            "releases": .array(model.releases.parallelMap { release($0, model: model) }),
        ]
        return CanonicalJSON.pretty(value) + "\n"
    }

    private static func time(_ date: Date?) -> JSONValue { date.map { .string(Timestamp.format($0)) } ?? .null }

    private static func integrity(_ integrity: LedgerIntegrity) -> JSONValue {
        var checkpoint: JSONValue = .null
        if let summary = integrity.checkpoint {
            checkpoint = ["file": .string(summary.file), "verdict": .string(summary.extends ? "extends" : "does-not-extend"),
                          "signatureChecked": .bool(summary.signatureChecked), "findings": .array(summary.findings.map { .string($0) })]
        }
        return ["verdict": .string(integrity.verdict), "linksChecked": .bool(integrity.linksChecked),
                "objectsChecked": .bool(integrity.objectsChecked),
                "problems": .array(integrity.problems.map { .string($0) }), "checkpoint": checkpoint]
    }

    private static func release(_ report: ReleaseReport, model: ReportModel) -> JSONValue {
        let verdict = model.integrity.releases[report.release]
        let applied: [JSONValue] = report.applied.map {
            ["context": .string($0.cluster.context), "server": .string($0.cluster.server), "revision": .int(Int64($0.revision)),
             "kind": .string($0.kind.rawValue), "at": .string(Timestamp.format($0.at))]
        }
        return [
            "namespace": .string(report.release.namespace), "name": .string(report.release.name),
            "currentRevision": report.current.map { .int(Int64($0)) } ?? .null,
            "applied": .array(applied),
            "lastDriftCheck": report.lastDriftCheck.map { drift($0, now: model.generatedAt) } ?? .null,
            "integrity": ["verdict": .string(verdict?.status.rawValue ?? "no-chain"),
                          "broken": verdict?.broken.map { .string($0.description) } ?? .null],
            "changes": .array(report.changes.map { change($0, now: model.generatedAt) }),
            "diffsLeftOut": .int(Int64(report.diffsLeftOut)),
            "events": .array(report.events.map { event($0, now: model.generatedAt) }),
            "driftFound": .array(report.driftFound.map { drift($0, now: model.generatedAt) }),
        ]
    }

    private static func change(_ entry: ChangeEntry, now: Date) -> JSONValue {
        HistoryProjection.json(entry.revision, changes: entry.summary).merging([
            "dryRuns": .array(entry.dryRuns.map { event($0, now: now) }),
            "deployments": .array(entry.deployments.map { event($0, now: now) }),
            "emergencyReason": entry.emergency.map { .string($0) } ?? .null,
            "diff": entry.diff.map { .array(DiffFormat.jsonItems($0)) } ?? .null,
        ])
    }

    private static func event(_ event: ClusterEvent, now: Date) -> JSONValue { self.event(event.event, now: now) }

    /// A cluster event as `history -o json` prints it, with the revision it is about.
    private static func event(_ event: Event, now: Date) -> JSONValue {
        HistoryProjection.json(event, at: now).merging(["revision": event.draft.revision.map { .int(Int64($0)) } ?? .null])
    }

    private static func drift(_ check: DriftCheck, now: Date) -> JSONValue {
        let findings: [JSONValue] = check.findings.map(\.json)
        return [
            "at": .string(Timestamp.format(check.event.draft.createdAt)),
            "context": check.event.draft.cluster.map { .string($0.context) } ?? .null,
            "server": check.event.draft.cluster.map { .string($0.server) } ?? .null,
            "revision": check.event.draft.revision.map { .int(Int64($0)) } ?? .null,
            "outcome": .string(check.event.draft.outcome.rawValue),
            "findings": .array(findings), "findingsLeftOut": .int(Int64(check.findingsLeftOut)),
            "resolvedBy": check.resolvedBy.map { event($0, now: now) } ?? .null,
        ]
    }
}
