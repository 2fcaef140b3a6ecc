import ObjectModel

/// A revision read back and checked: every object rebuilt and matching its digest, the content
/// digest recomputed, and its link in the chain checked. Only this is given to `regenerate` and
/// `rollback`, so what they print or apply is exactly what was checked.
public struct CheckedRevision: Sendable {
    /// The revision's row.
    public var revision: Revision
    /// The sealed manifest.
    public var spec: JSONValue
    /// The sealed objects, in apply order.
    public var objects: [JSONValue]
}

/// A revision that `regenerate` or `rollback` refuses because the ledger no longer holds it as
/// it was recorded (exit 6): names the revision and what is wrong.
public struct RevisionDamage: Error, Sendable, Hashable, CustomStringConvertible {
    public var release: ReleaseID
    public var number: Int
    /// What is wrong, e.g. `stored object sha256:… (DaemonSet ops/agent) does not match its digest`.
    public var problem: String

    public init(release: ReleaseID, number: Int, problem: String) {
        self.release = release
        self.number = number
        self.problem = problem
    }

    public var description: String {
        "error: ledger damaged: \(release) revision \(number): \(problem); refusing to use it — run 'dsledger verify'"
    }
}

/// Checks a revision before it is used: nothing stored is trusted unchecked.
public enum RevisionIntegrity {
    /// Reads revision `number` of `release` and checks it: every object (the spec too) is
    /// rebuilt from the store and its digest recomputed and compared with the one it is stored
    /// under; the content digest is recomputed from the spec and object digests and compared
    /// with the revision's; and the revision's link in the chain is checked
    /// (``chainLinkProblem(of:in:)``).
    ///
    /// - Returns: the revision with its spec and objects, exactly as checked.
    /// - Throws: ``RevisionDamage`` on any mismatch, or a store that cannot rebuild an object;
    ///   `StoreError` when the store cannot be read at all.
    public static func check(_ release: ReleaseID, number: Int, in store: any RevisionStore, chainKey: ChainKey?) async throws -> CheckedRevision {
        let damage = { (problem: String) in RevisionDamage(release: release, number: number, problem: problem) }
        let revision: Revision, spec: JSONValue, objects: [JSONValue], references: [ObjectReference]
        do {
            guard let found = try await store.revision(of: release, number: number) else { throw damage("its row is missing") }
            revision = found
            references = try await store.objectReferences(of: release, number: number)
            objects = try await store.objects(of: release, number: number)
            spec = try await store.spec(of: release, number: number)
        } catch StoreError.corrupt(_, let detail, _) {
            throw damage("a stored object cannot be rebuilt (\(detail))")
        }
        guard objects.count == references.count, !references.isEmpty else {
            throw damage("it lists \(references.count) objects but \(objects.count) could be read")
        }
        for (object, reference) in zip(objects, references) where object.contentDigest != reference.digest {
            throw damage("stored object \(reference.digest) (\(reference.identity.title)) does not match its digest")
        }
        let content = Digests.content(specDigest: spec.contentDigest, objectDigests: references.map(\.digest))
        guard content == revision.contentDigest else {
            throw damage("content digest mismatch (recorded \(revision.contentDigest), computed \(content))")
        }
        if let problem = try await chainLinkProblem(of: revision, in: store, chainKey: chainKey) { throw damage(problem) }
        return CheckedRevision(revision: revision, spec: spec, objects: objects)
    }

    /// What is wrong with `revision`'s link in its release's chain, or `nil` when it holds: the
    /// release's links up to this revision's (revisions and events, keyed with `chainKey`; plain
    /// links only as a prefix), as ``RevisionStore/verifyChain(of:upTo:chainKey:)`` checks them.
    static func chainLinkProblem(of revision: Revision, in store: any RevisionStore, chainKey: ChainKey?) async throws(StoreError) -> String? {
        let verdict = try await store.verifyChain(of: revision.release, upTo: revision.number, chainKey: chainKey)
        guard verdict.status == .damaged else { return nil }
        return "its chain is broken: " + (verdict.broken?.description ?? "damaged")
    }
}
