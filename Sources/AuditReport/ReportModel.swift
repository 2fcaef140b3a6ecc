import Foundation
import Ledger
import ObjectModel
import StructuralDiff

/// Everything an audit report says, read from the ledger once; each format renders it as it is
/// (``HTMLReport``, ``JSONReport``, ``MarkdownReport``). Nothing here is a secret value: stored
/// objects hold secrets as HMACs only, shown as fingerprints.
public struct ReportModel: Sendable {
    /// When the report was made.
    public var generatedAt: Date
    /// The ledger read (its file, or the URL without a password).
    public var ledger: String
    /// The dsledger that made the report.
    public var toolVersion: String
    /// The window of changes reported (both ends open when not given).
    public var period: ReportPeriod
    /// The zone times are shown in.
    public var zone: ReportZone
    /// What `verify` says of the whole ledger, and of the checkpoint when one was given.
    public var integrity: LedgerIntegrity
    /// One per release reported, sorted by namespace and name.
    public var releases: [ReleaseReport]

    public init(generatedAt: Date, ledger: String, toolVersion: String, period: ReportPeriod, zone: ReportZone,
                integrity: LedgerIntegrity, releases: [ReleaseReport]) {
        self.generatedAt = generatedAt
        self.ledger = ledger
        self.toolVersion = toolVersion
        self.period = period
        self.zone = zone
        self.integrity = integrity
        self.releases = releases
    }
}

/// `--since` (inclusive) and `--until` (exclusive).
public struct ReportPeriod: Sendable, Hashable {
    public var since: Date?
    public var until: Date?

    public init(since: Date? = nil, until: Date? = nil) {
        self.since = since
        self.until = until
    }

    /// True when `date` falls in the period.
    public func contains(_ date: Date) -> Bool {
        (since.map { date >= $0 } ?? true) && (until.map { date < $0 } ?? true)
    }
}

/// The ledger's integrity as the report states it.
public struct LedgerIntegrity: Sendable, Hashable {
    /// `intact` or `damaged`.
    public var verdict: String
    /// False when no key was at hand, so keyed link digests were not recomputed.
    public var linksChecked: Bool
    /// True when every stored object's body was rehashed too (``VerificationScope/everything``).
    public var objectsChecked: Bool
    /// Damage not tied to one release.
    public var problems: [String]
    /// The checkpoint's verdict, when `--checkpoint` was given.
    public var checkpoint: CheckpointSummary?
    /// Each release's chain verdict.
    public var releases: [ReleaseID: ChainVerdict]

    public init(verdict: String, linksChecked: Bool, objectsChecked: Bool, problems: [String], checkpoint: CheckpointSummary?,
                releases: [ReleaseID: ChainVerdict]) {
        self.verdict = verdict
        self.linksChecked = linksChecked
        self.objectsChecked = objectsChecked
        self.problems = problems
        self.checkpoint = checkpoint
        self.releases = releases
    }

    /// The verdict from a whole-ledger verification.
    public init(_ verification: LedgerVerification, checkpoint: CheckpointSummary?) {
        self.init(verdict: verification.isIntact ? "intact" : "damaged", linksChecked: verification.linksChecked,
                  objectsChecked: verification.scope == .everything, problems: verification.problems.map(\.description), checkpoint: checkpoint,
                  releases: Dictionary(verification.releases.map { ($0.release, $0) }, uniquingKeysWith: { first, _ in first }))
    }
}

/// What `--checkpoint FILE [--public-key FILE]` found.
public struct CheckpointSummary: Sendable, Hashable {
    public var file: String
    /// True when the ledger provably extends the checkpoint.
    public var extends: Bool
    public var signatureChecked: Bool
    /// One line per finding.
    public var findings: [String]

    public init(file: String, extends: Bool, signatureChecked: Bool, findings: [String]) {
        self.file = file
        self.extends = extends
        self.signatureChecked = signatureChecked
        self.findings = findings
    }
}

/// One release in the report.
public struct ReleaseReport: Sendable {
    public var release: ReleaseID
    /// The latest revision (nil when the release has none).
    public var current: Int?
    /// The revision last applied to each cluster, and when.
    public var applied: [ClusterRevision]
    /// The newest drift check, in or before the period.
    public var lastDriftCheck: DriftCheck?
    /// Revisions recorded in the period, oldest first.
    public var changes: [ChangeEntry]
    /// Changes whose diff is not shown (beyond `--max-diffs`).
    public var diffsLeftOut: Int
    /// Cluster events in the period, oldest first: applies, rollbacks, dry runs, drift checks.
    public var events: [ClusterEvent]
    /// Drift checks in the period that found drift, oldest first.
    public var driftFound: [DriftCheck]
}

/// A revision in the change log.
public struct ChangeEntry: Sendable {
    public var revision: Revision
    /// What it changed since the revision before (`initial` for revision 1).
    public var summary: String
    /// Its lint findings, when the revision kept them.
    public var lint: [LintRecord]?
    /// Server dry runs of the same content.
    public var dryRuns: [ClusterEvent]
    /// Applies and rollbacks of it, oldest first.
    public var deployments: [ClusterEvent]
    /// Why the change counts as an emergency (`emergency: REASON`, `rollback to revision 3`,
    /// `no ticket where the policy required one`); nil for an ordinary change.
    public var emergency: String?
    /// Its changes against the revision before; nil when left out (beyond `--max-diffs`).
    public var diff: [Change]?

    /// The anchor of its diff in the HTML report.
    public var anchor: String { "\(revision.release.namespace)-\(revision.release.name)-r\(revision.number)" }

    /// Approvers who are also the author.
    public var selfApprovers: [String] { revision.metadata.change.selfApprovers(author: revision.metadata.author) }
}

/// A cluster event as the report shows it.
public struct ClusterEvent: Sendable {
    public var event: Event
    /// The outcome as shown when the report was made (`interrupted` for a started apply that never ended).
    public var outcome: String

    /// True for outcomes that need an auditor's attention.
    public var isProblem: Bool {
        ["failed", "timed-out", "cancelled", ApplyOperation.interrupted, EventOutcome.drifted.rawValue].contains(outcome)
    }
}

/// A drift check: what it found, and which later apply or rollback to the same cluster put the
/// release back.
public struct DriftCheck: Sendable {
    public var event: Event
    public var findings: [DriftFinding]
    public var findingsLeftOut: Int
    /// The first apply or rollback to the same cluster that succeeded after the check.
    public var resolvedBy: Event?

    public var drifted: Bool { event.draft.outcome == .drifted }
}
