import Ledger
import ObjectModel
import StructuralDiff

/// Reads revisions' objects for diff, blame and history, parsing each stored object once.
final class RevisionObjects {
    let store: any RevisionStore
    let release: ReleaseID
    private var cache: [String: JSONValue] = [:]
    /// References and objects read ahead for blame, which walks down from the newest revision:
    /// a window of revisions at a time, in two reads.
    private var references: [Int: [ObjectReference]] = [:]
    private var ahead: [String: JSONValue] = [:]
    private static let readAhead = 256

    init(store: any RevisionStore, release: ReleaseID) {
        self.store = store
        self.release = release
    }

    /// Object references read ahead for a page of history, by revision.
    private var page: [Int: [ObjectReference]] = [:]

    /// Reads the references and objects of every revision in `numbers` in two reads, so that a
    /// page of history costs two round trips to a team ledger rather than two per revision.
    func readAhead(_ numbers: ClosedRange<Int>) async throws {
        page = try await store.objectReferences(of: release, numbers: numbers)
        let missing = Set(page.values.joined().map(\.digest)).filter { cache[$0] == nil }
        if !missing.isEmpty { cache.merge(try await store.objects(withDigests: Array(missing))) { _, new in new } }
    }

    /// The objects of revision `number`, in apply order.
    func objects(_ number: Int) async throws -> [JSONValue] {
        let references: [ObjectReference]
        if let known = page[number] {
            references = known
        } else {
            references = try await store.objectReferences(of: release, number: number)
        }
        let missing = references.map(\.digest).filter { cache[$0] == nil }
        if !missing.isEmpty { cache.merge(try await store.objects(withDigests: missing)) { _, new in new } }
        return references.compactMap { cache[$0.digest] }
    }

    /// Object identities and digests of revision `number`, for blame.
    func blameRevision(_ number: Int) async throws -> BlameRevision {
        if references[number] == nil {
            references = try await store.objectReferences(of: release, numbers: max(1, number - Self.readAhead + 1)...max(1, number))
            let digests = Set(references.values.joined().map(\.digest)).filter { cache[$0] == nil }
            ahead = try await store.objects(withDigests: Array(digests))
        }
        let digests = (references[number] ?? []).map { ($0.identity, $0.digest) }
        return BlameRevision(number: number, digests: Dictionary(digests, uniquingKeysWith: { first, _ in first }))
    }

    /// One stored object by digest (blame reads each version once: kept only in the read-ahead).
    func object(_ digest: String) async throws -> JSONValue? {
        if let cached = cache[digest] ?? ahead[digest] { return cached }
        return try await store.objects(withDigests: [digest])[digest]
    }

    /// The one-line summary of what revision `number` changed since the one before it.
    func summary(_ number: Int) async throws -> String {
        guard number > 1 else { return "initial" }
        let old = try await objects(number - 1), new = try await objects(number)
        return ChangeSummary.line(ObjectDiff.changes(from: old, to: new))
    }
}
