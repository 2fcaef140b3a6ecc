import Foundation

/// Which revisions `history` lists: one release or every release, within a time window, by
/// author and by image. Every condition given must hold.
public struct RevisionQuery: Sendable, Hashable {
    /// One release, newest number first; `nil` for every release, newest first by recording time.
    public var release: ReleaseID?
    /// Recorded at or after this moment (inclusive).
    public var since: Date?
    /// Recorded before this moment (exclusive).
    public var until: Date?
    /// Text the author contains, ASCII letters in either case.
    public var author: String?
    /// Text one of the revision's container images contains, case as written.
    public var image: String?

    public init(release: ReleaseID? = nil, since: Date? = nil, until: Date? = nil, author: String? = nil, image: String? = nil) {
        self.release = release
        self.since = since
        self.until = until
        self.author = author
        self.image = image
    }

    /// ``author`` as the stores compare it with the author lowered (ASCII letters only, the
    /// same on every database: SQLite's `lower` folds no other letter).
    public var foldedAuthor: String? {
        author.map { String(decoding: $0.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self) }
    }
}

/// Where the next page of a ``RevisionQuery`` starts: just after the last revision of the page before.
public struct RevisionCursor: Sendable, Hashable {
    public var release: ReleaseID
    public var number: Int
    public var createdAt: Date

    public init(release: ReleaseID, number: Int, createdAt: Date) {
        self.release = release
        self.number = number
        self.createdAt = createdAt
    }

    /// The cursor just after `revision`.
    public init(after revision: Revision) {
        self.init(release: revision.release, number: revision.number, createdAt: revision.metadata.createdAt)
    }
}

/// A release as `releases` lists it: its latest revision and what each cluster last applied.
public struct ReleaseState: Sendable, Hashable {
    public var release: ReleaseID
    /// The latest revision (at the moment asked for).
    public var latest: Int
    /// When the latest revision was recorded.
    public var changedAt: Date
    /// The revision last applied to each cluster, sorted by context then server.
    public var applied: [ClusterRevision]

    public init(release: ReleaseID, latest: Int, changedAt: Date, applied: [ClusterRevision]) {
        self.release = release
        self.latest = latest
        self.changedAt = changedAt
        self.applied = applied
    }
}

/// The revision last applied to one cluster: by which kind of event (`apply`, `rollback`) and when.
public struct ClusterRevision: Sendable, Hashable {
    public var cluster: ClusterTarget
    public var revision: Int
    public var kind: EventKind
    public var at: Date

    public init(cluster: ClusterTarget, revision: Int, kind: EventKind, at: Date) {
        self.cluster = cluster
        self.revision = revision
        self.kind = kind
        self.at = at
    }

    /// The order `releases` shows clusters in.
    public static func sorted(_ applied: [ClusterRevision]) -> [ClusterRevision] {
        applied.sorted { ($0.cluster.context, $0.cluster.server) < ($1.cluster.context, $1.cluster.server) }
    }
}
