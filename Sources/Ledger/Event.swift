import Foundation
import ObjectModel

/// What an event records: the kinds of things dsledger does to a release.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
    /// A revision was rendered (recorded, or unchanged).
    case render
    /// Objects were server-side applied to a cluster.
    case apply
    /// A past revision was applied again as a new revision.
    case rollback
    /// A rollout was followed to its end (or its timeout).
    case rollout
    /// The live cluster was compared with the applied revision.
    case drift
    /// History was adopted from git or a cluster.
    case `import`
}

/// How an event ended. Cluster events use `succeeded`/`failed`; renders `recorded`/`unchanged`.
public enum EventOutcome: String, Sendable, Hashable, CaseIterable {
    case recorded, unchanged, succeeded, failed, timedOut = "timed-out", clean, drifted, skipped
}

/// The cluster a cluster event went to: the kubeconfig context and the API server URL.
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
    /// An ``EventKind`` raw value (kept as text so old stores with other kinds still read).
    public var kind: String
    /// An ``EventOutcome`` raw value.
    public var outcome: String
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

    public init(release: ReleaseID, kind: String, outcome: String, revision: Int?, author: String,
                createdAt: Date, cluster: ClusterTarget? = nil, detail: JSONValue? = nil, origin: String? = nil) {
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

    /// A cluster event of a known kind and outcome.
    public init(release: ReleaseID, kind: EventKind, outcome: EventOutcome, revision: Int?, author: String,
                createdAt: Date, cluster: ClusterTarget?, detail: JSONValue? = nil, origin: String? = nil) {
        self.init(release: release, kind: kind.rawValue, outcome: outcome.rawValue, revision: revision, author: author,
                  createdAt: createdAt, cluster: cluster, detail: detail, origin: origin)
    }
}

/// A recorded event, with its place in the store's order (`id` grows with time).
public struct Event: Sendable, Hashable {
    public var id: Int64
    public var draft: EventDraft

    public init(id: Int64, draft: EventDraft) {
        self.id = id
        self.draft = draft
    }
}
