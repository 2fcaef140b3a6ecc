import Foundation
import ObjectModel

/// Named text values of which a newer dsledger may add more: stored as their text, read back as
/// it was written, and known or not to this version.
public protocol OpenValueSet: RawRepresentable<String>, Sendable, Hashable, CustomStringConvertible {
    /// Every value this version writes.
    static var known: [Self] { get }
}

extension OpenValueSet {
    /// False for a value written by a newer dsledger.
    public var isKnown: Bool { Self.known.contains(self) }

    public var description: String { rawValue }
}

/// What an event records: the kinds of things dsledger does to a release.
///
/// An open set, stored as its text: a ledger shared by several dsledgers may hold a kind a newer
/// one added, and it reads back as it was written (``isKnown`` is then false) rather than failing.
/// A struct rather than an enum with an `unknown(String)` case, so that one stored text has one
/// value (`EventKind(rawValue: "apply") == .apply` always) and round-trips byte for byte.
public struct EventKind: OpenValueSet {
    /// The text the stores keep in the event's `kind` column.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A revision was rendered (recorded, or unchanged).
    public static let render = EventKind(rawValue: "render")
    /// Objects were server-side applied to a cluster.
    public static let apply = EventKind(rawValue: "apply")
    /// A past revision was applied again as a new revision.
    public static let rollback = EventKind(rawValue: "rollback")
    /// A rollout was followed to its end (or its timeout).
    public static let rollout = EventKind(rawValue: "rollout")
    /// The live cluster was compared with the applied revision.
    public static let drift = EventKind(rawValue: "drift")
    /// History was adopted from git or a cluster.
    public static let `import` = EventKind(rawValue: "import")
    /// A ledger policy was set (``LedgerPolicy``), on the ledger's own chain.
    public static let policy = EventKind(rawValue: "policy")
    /// A server dry run (`apply --dry-run=server`, `rollback --dry-run=server`): the API server
    /// checked the objects and changed nothing. Never a revision, never applied (see
    /// ``Event/dryRunContentDigest``).
    public static let dryRun = EventKind(rawValue: "dry-run")
    /// A preview (`apply --diff`, `rollback --diff`): what the apply would change against the
    /// live objects, from a server dry run. Never a revision, never applied; its outcome is
    /// `changes`, `no-changes` or `failed`.
    public static let preview = EventKind(rawValue: "preview")

    /// Every kind this version writes.
    public static let known: [EventKind] = [.render, .apply, .rollback, .rollout, .drift, .import, .policy, .dryRun, .preview]

    /// The kind of event a revision's action leaves.
    public init(_ action: RevisionAction) { self.init(rawValue: action.rawValue) }
}

/// How an event ended. Cluster events use `succeeded`/`failed`; renders `recorded`/`unchanged`.
/// An apply or rollback first records `started`, then a second event with its outcome
/// (`succeeded`, `failed`, `timed-out` or `cancelled`) naming the same operation (``Event/operation``).
///
/// An open set like ``EventKind``, for the same reason: an outcome a newer dsledger wrote reads back
/// as its text.
public struct EventOutcome: OpenValueSet {
    /// The text the stores keep in the event's `outcome` column.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A new revision was recorded.
    public static let recorded = EventOutcome(rawValue: "recorded")
    /// The content equalled the latest revision's: no new revision.
    public static let unchanged = EventOutcome(rawValue: "unchanged")
    /// The cluster accepted the apply, or the rollout finished.
    public static let succeeded = EventOutcome(rawValue: "succeeded")
    /// The cluster refused or failed part of the apply.
    public static let failed = EventOutcome(rawValue: "failed")
    /// The rollout did not finish within the timeout.
    public static let timedOut = EventOutcome(rawValue: "timed-out")
    /// The live objects matched the applied revision.
    public static let clean = EventOutcome(rawValue: "clean")
    /// The live objects differed from the applied revision.
    public static let drifted = EventOutcome(rawValue: "drifted")
    /// An imported version left no revision (invalid, or already seen).
    public static let skipped = EventOutcome(rawValue: "skipped")
    /// An apply or rollback is about to make its first request to the cluster; its outcome is
    /// a later event of the same operation. Never an applied revision by itself.
    public static let started = EventOutcome(rawValue: "started")
    /// An apply or rollback was stopped by SIGINT or SIGTERM; its detail says what was applied.
    public static let cancelled = EventOutcome(rawValue: "cancelled")
    /// A preview found that the apply would change the cluster.
    public static let changes = EventOutcome(rawValue: "changes")
    /// A preview found that the apply would change nothing.
    public static let noChanges = EventOutcome(rawValue: "no-changes")

    /// Every outcome this version writes.
    public static let known: [EventOutcome] = [.recorded, .unchanged, .succeeded, .failed, .timedOut, .clean, .drifted, .skipped,
                                               .started, .cancelled, .changes, .noChanges]

    /// The outcomes of an apply or rollback after which its revision is the one applied to the
    /// cluster: `succeeded`, and `timed-out` (every object was applied; only the rollout did not
    /// finish within `--timeout`). Never `started` (in progress or interrupted), `failed` or
    /// `cancelled`, which may have applied part of the objects only.
    public static let applied: [EventOutcome] = [.succeeded, .timedOut]
}

/// The cluster a cluster event went to: the kubeconfig context and the API server URL.
///
/// A cluster is both: `default` names many clusters, so "last applied" and the releases applied
/// to a cluster match the server and the context together. An event stored without a server
/// (none is written so: the two columns came in the same schema) matches no cluster.
public struct ClusterTarget: Sendable, Hashable, CustomStringConvertible {
    public var context: String
    public var server: String

    public init(context: String, server: String) {
        self.context = context
        self.server = server
    }

    public var description: String { "\(context) (\(server))" }
}

/// An event to record: a render, apply, rollback, rollout or drift check, with its outcome.
public struct EventDraft: Sendable, Hashable {
    public var release: ReleaseID
    /// What happened; a kind a newer dsledger wrote reads back with its own text.
    public var kind: EventKind
    /// How it ended.
    public var outcome: EventOutcome
    public var revision: Int?
    public var author: String
    public var createdAt: Date
    /// Where a cluster event went; `nil` for local events.
    public var cluster: ClusterTarget?
    /// Free-form details as JSON (objects applied, resourceVersions, errors…), never a secret value.
    public var detail: JSONValue?
    /// For an import event: the version it is about (`git:<commit>`, `cluster:<name>`), so that
    /// a later import knows it was seen (a skipped or unchanged version leaves no revision).
    public var origin: String?
    /// For the events of an apply or render that recorded no new revision: the ticket, approvers
    /// and emergency reason given with it (empty otherwise; a new revision keeps its own).
    public var change: ChangeRecord

    public init(release: ReleaseID, kind: EventKind, outcome: EventOutcome, revision: Int?, author: String,
                createdAt: Date, cluster: ClusterTarget? = nil, detail: JSONValue? = nil, origin: String? = nil,
                change: ChangeRecord = ChangeRecord()) {
        self.change = change
        self.release = release
        self.kind = kind
        self.outcome = outcome
        self.revision = revision
        self.author = author
        self.createdAt = Timestamp.truncated(createdAt)
        self.cluster = cluster
        self.detail = detail
        self.origin = origin
    }
}

/// A recorded event, with its place in the store's order (`id` grows with time).
public struct Event: Sendable, Hashable {
    public var id: Int64
    public var draft: EventDraft
    /// The event's place in its release's chain, from 1; nil for an event written before
    /// events were links.
    public var position: Int?
    /// The event's keyed link digest (``Digests/eventLink(key:previous:position:event:)``); nil
    /// when ``position`` is.
    public var chainDigest: String?

    public init(id: Int64, draft: EventDraft, position: Int? = nil, chainDigest: String? = nil) {
        self.id = id
        self.draft = draft
        self.position = position
        self.chainDigest = chainDigest
    }
}
