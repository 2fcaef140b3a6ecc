/// What `verify` says of one release's chain.
public struct ChainVerdict: Sendable, Hashable {
    /// The verdict's word.
    public enum Status: String, Sendable, Hashable {
        /// Every link checks out (and every keyed link's digest, when a key was given).
        case intact
        /// Only plain SHA-256 links, written before links were keyed: anyone who can write the
        /// database could have rewritten them. Not damage.
        case unkeyed
        /// A link is broken: see ``ChainVerdict/broken``.
        case damaged
    }

    /// The release.
    public var release: ReleaseID
    /// The verdict.
    public var status: Status
    /// The first broken link, for a damaged release.
    public var broken: BrokenLink?
    /// How many revisions and events the release has, and its latest link.
    public var head: ChainHead?

    public init(release: ReleaseID, status: Status, broken: BrokenLink? = nil, head: ChainHead? = nil) {
        self.release = release
        self.status = status
        self.broken = broken
        self.head = head
    }
}

/// The first broken link of a release, and what is wrong with it.
public struct BrokenLink: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, as a stable word (`verify -o json` prints the raw value).
    public enum Problem: String, Sendable, Hashable, CaseIterable {
        /// A revision's link digest no longer matches its fields: its metadata or content changed.
        case changedRevision = "changed-revision"
        /// An event's link digest no longer matches its fields.
        case changedEvent = "changed-event"
        /// A position, or a revision number, is missing: a link was deleted.
        case missingLink = "missing-link"
        /// Two links hold one position.
        case duplicateLink = "duplicate-link"
        /// A plain (unkeyed) revision after the release's first keyed link.
        case plainAfterKeyed = "plain-after-keyed"
        /// An event without a link, written after the release's first keyed event: inserted.
        case unchainedEvent = "unchained-event"
        /// A stored object a revision holds is missing.
        case missingObject = "missing-object"
        /// A stored object no longer hashes to its digest.
        case changedObject = "changed-object"
        /// The revision's content digest does not match its objects.
        case changedContent = "changed-content"
        /// The secret hashes do not match the markers in the revision's Secrets.
        case changedSecretHashes = "changed-secret-hashes"
        /// A row that cannot be read as what it should be.
        case unreadableRow = "unreadable-row"
    }

    /// What is wrong.
    public var problem: Problem
    /// The link's position, when it has (or should have) one.
    public var position: Int?
    /// The revision the link is, or is about.
    public var revision: Int?
    /// The event's id, for an event.
    public var event: Int64?
    /// One sentence for people.
    public var message: String

    public init(_ problem: Problem, position: Int?, revision: Int? = nil, event: Int64? = nil, message: String) {
        self.problem = problem
        self.position = position
        self.revision = revision
        self.event = event
        self.message = message
    }

    /// `revision 2 (link 3): …`, `event 17 (link 4): …`, `link 5: …`.
    public var description: String {
        let link = position.map { "link \($0)" }
        let subject: String
        if let revision, problem != .unchainedEvent, event == nil {
            subject = "revision \(revision)" + (link.map { " (\($0))" } ?? "")
        } else if let event {
            subject = "event \(event)" + (link.map { " (\($0))" } ?? "")
        } else {
            subject = link ?? "chain"
        }
        return "\(subject): \(message)"
    }
}

/// Everything `verify` found: a verdict per release, and problems of the ledger as a whole.
/// How much `verify` checks.
public enum VerificationScope: Sendable, Hashable {
    /// Everything: the database's own integrity check, every stored object's body rebuilt and
    /// hashed against its digest, and every release's chain. What `dsledger verify` runs.
    case everything
    /// Every release's chain (every revision and event link, numbering, each revision's content
    /// digest from its objects' digests, secret hashes against the recorded Secrets), without
    /// rehashing the other stored objects' bodies. What the audit report runs: a fraction of the
    /// time on a large ledger; a body changed under its digest is found by `verify`, and by any
    /// command that uses the object (rollback and regenerate rebuild and check what they use).
    case chains
}

public struct LedgerVerification: Sendable, Hashable {
    /// One verdict per release, sorted by release.
    public var releases: [ChainVerdict]
    /// Damage not tied to a release (the database's own integrity check).
    public var problems: [VerificationProblem]
    /// False when no key was given: keyed link digests could not be recomputed, so a rewritten
    /// link would go unnoticed (every other check ran).
    public var linksChecked: Bool
    /// What was checked.
    public var scope: VerificationScope

    public init(releases: [ChainVerdict], problems: [VerificationProblem], linksChecked: Bool, scope: VerificationScope = .everything) {
        self.releases = releases
        self.problems = problems
        self.linksChecked = linksChecked
        self.scope = scope
    }

    /// True when nothing is damaged (unkeyed releases are not damage).
    public var isIntact: Bool { problems.isEmpty && !releases.contains { $0.status == .damaged } }

    /// The damage as problems, one per damaged release then the ledger's own: a broken revision
    /// link names the revision (`ops/agent revision 2: …`), any other the link (`ops/agent: event 17 (link 4): …`).
    public var damage: [VerificationProblem] {
        releases.compactMap { verdict in
            verdict.broken.map { link in
                link.event == nil && link.revision != nil
                    ? VerificationProblem(release: verdict.release, revision: link.revision, message: link.message)
                    : VerificationProblem(release: verdict.release, revision: nil, message: link.description)
            }
        } + problems
    }
}
