import ObjectModel

/// Where revisions and events are kept: the one interface commands use, whatever the database
/// (as Helm's storage drivers are). Implementations must make each `record` call atomic: after
/// a crash its revisions are there whole or not at all.
public protocol RevisionStore: Sendable {
    /// Records each draft as a new revision numbered after its release's latest one, or, when
    /// its content equals the latest revision's, as an `unchanged` event only. All drafts are
    /// written in one transaction; concurrent writers queue.
    func record(_ drafts: [RevisionDraft]) throws -> [RecordOutcome]

    /// Adds an event.
    func recordEvent(_ event: EventDraft) throws

    /// Events of a release, newest first, at most `limit`; only of `kinds` when not empty.
    func events(of release: ReleaseID, kinds: [String], limit: Int) throws -> [Event]

    /// The revision last applied successfully (by `apply` or `rollback`) to a kubeconfig context.
    func lastApplied(of release: ReleaseID, context: String) throws -> Int?

    /// For each of `revisions` that was ever applied or rolled back to: its newest cluster event.
    func deployments(of release: ReleaseID, revisions: [Int]) throws -> [Int: Event]

    /// Every release applied successfully to `context`, with the revision applied last, by release.
    func releasesApplied(toContext context: String) throws -> [AppliedRelease]

    /// Revisions newest first, at most `limit`, below `before` when given.
    func revisions(of release: ReleaseID, limit: Int, before: Int?) throws -> [Revision]

    /// One revision.
    func revision(of release: ReleaseID, number: Int) throws -> Revision?

    /// The sealed objects of a revision, in apply order.
    func objects(of release: ReleaseID, number: Int) throws -> [JSONValue]

    /// Which objects a revision holds, by digest, in apply order (no bodies read).
    func objectReferences(of release: ReleaseID, number: Int) throws -> [ObjectReference]

    /// ``objectReferences(of:number:)`` of every revision in `numbers` that exists, in one read
    /// (blame walks thousands of revisions).
    func objectReferences(of release: ReleaseID, numbers: ClosedRange<Int>) throws -> [Int: [ObjectReference]]

    /// Stored objects by digest; digests not found are left out.
    func objects(withDigests digests: [String]) throws -> [String: JSONValue]

    /// The sealed manifest of a revision.
    func spec(of release: ReleaseID, number: Int) throws -> JSONValue

    /// The secret hashes of a revision.
    func secretHashes(of release: ReleaseID, number: Int) throws -> [SecretHash]

    /// The namespaces holding a release of this name, sorted.
    func namespaces(ofReleaseNamed name: String) throws -> [String]

    /// Checks the whole store; an empty list means intact.
    func verify() throws -> [VerificationProblem]
}

/// One thing `verify` found wrong, naming the first revision it affects.
public struct VerificationProblem: Sendable, Hashable, CustomStringConvertible {
    public var release: ReleaseID?
    public var revision: Int?
    public var message: String

    public init(release: ReleaseID?, revision: Int?, message: String) {
        self.release = release
        self.revision = revision
        self.message = message
    }

    public var description: String {
        guard let release else { return message }
        guard let revision else { return "\(release): \(message)" }
        return "\(release) revision \(revision): \(message)"
    }
}

extension RevisionStore {
    public func objectReferences(of release: ReleaseID, numbers: ClosedRange<Int>) throws -> [Int: [ObjectReference]] {
        var found: [Int: [ObjectReference]] = [:]
        for number in numbers {
            let references = try objectReferences(of: release, number: number)
            if !references.isEmpty { found[number] = references }
        }
        return found
    }
}

/// A stored object's identity and digest, without its body.
public struct ObjectReference: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String
    public var digest: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String, digest: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.digest = digest
    }
}

/// A release and the revision last applied to a context.
public struct AppliedRelease: Sendable, Hashable {
    public var release: ReleaseID
    public var revision: Int

    public init(release: ReleaseID, revision: Int) {
        self.release = release
        self.revision = revision
    }
}
