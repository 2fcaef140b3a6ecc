import Ledger
import ObjectModel
import StructuralDiff

/// Reads the objects of the revisions whose diffs a report shows, in two reads for all of them,
/// and compares each with the revision before it.
struct DiffReader {
    var store: any RevisionStore
    var release: ReleaseID

    /// The changes of each revision in `numbers` against the revision before it (revision 1
    /// against nothing: every object added).
    func diffs(of numbers: [Int]) async throws -> [Int: [Change]] {
        guard let first = numbers.first, let last = numbers.last else { return [:] }
        let references = try await store.objectReferences(of: release, numbers: max(1, first - 1)...last)
        let wanted = Set(numbers.flatMap { [$0, $0 - 1] })
        let digests = Set(references.filter { wanted.contains($0.key) }.values.joined().map(\.digest))
        let bodies = try await store.objects(withDigests: Array(digests))
        let changes = numbers.parallelMap { number in
            let old = references[number - 1] ?? [], new = references[number] ?? []
            // Objects stored under the same digest are equal: only the others are compared.
            let unchanged = Set(old.map(\.digest)).intersection(new.map(\.digest))
            let before = old.filter { !unchanged.contains($0.digest) }.compactMap { bodies[$0.digest] }
            let after = new.filter { !unchanged.contains($0.digest) }.compactMap { bodies[$0.digest] }
            return ObjectDiff.changes(from: before, to: after)
        }
        return Dictionary(uniqueKeysWithValues: zip(numbers, changes))
    }
}
