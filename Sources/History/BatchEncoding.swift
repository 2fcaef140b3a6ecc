import Dispatch
import Foundation
import Ledger

/// Encoding a batch before its write transaction: serialising, hashing and working out deltas
/// happen here, spread over every core, so a store holds its write lock only for the inserts.
package enum BatchEncoding {
    /// The entries with every draft encoded, then each draft's deltas from the revision before
    /// it in the batch worked out: both in parallel when there are enough entries to be worth it.
    package static func encode(_ entries: [LedgerEntry]) -> [EncodedEntry] {
        // In order within each chunk, so a draft can take the encodings of objects equal to the
        // one before's (consecutive versions of a release change few objects).
        let encoded = parallelMap(entries.indices) { index, previous in EncodedEntry(entries[index], previous: previous?.draft) }
        // The release's previous revision in the batch: usually the entry just before.
        var previous: [Int?] = Array(repeating: nil, count: entries.count)
        var lastByRelease: [ReleaseID: Int] = [:]
        for (index, entry) in encoded.enumerated() {
            guard case .revision(let draft) = entry else { continue }
            previous[index] = lastByRelease[draft.draft.release]
            lastByRelease[draft.draft.release] = index
        }
        // Workers only read drafts; the deltas are kept afterwards, on this thread.
        let deltas = parallelMap(encoded.indices) { index, _ -> [PreparedDelta?]? in
            guard case .revision(let draft) = encoded[index], let before = previous[index],
                case .revision(let base) = encoded[before] else { return nil }
            return draft.deltas(from: base)
        }
        for (index, found) in deltas.enumerated() {
            if let found, case .revision(let draft) = encoded[index] { draft.keep(found) }
        }
        return encoded
    }

    /// `transform` of every index, spread over every core in chunks of 16 from 32 items on; each
    /// call also gets the result for the index before it when that one is in the same chunk.
    private static func parallelMap<Element>(_ indices: Range<Int>, _ transform: (Int, Element?) -> Element) -> [Element] {
        /// The chunk's results, in order.
        func chunk(_ range: Range<Int>, _ keep: (Int, Element) -> Void) {
            var previous: Element?
            for index in range {
                let result = transform(index, previous)
                keep(index, result)
                previous = result
            }
        }
        guard indices.count >= 32 else {
            var results: [Element] = []
            chunk(indices) { _, result in results.append(result) }
            return results
        }
        let results = UnsafeSendableBuffer<Element>(count: indices.count)
        let size = 16
        withoutActuallyEscaping(chunk) { chunk in
            let work = UnsafeSendableBox(chunk)
            DispatchQueue.concurrentPerform(iterations: (indices.count + size - 1) / size) { index in
                let start = indices.lowerBound + index * size
                work.value(start..<min(indices.upperBound, start + size)) { position, result in
                    results.set(position - indices.lowerBound, result)
                }
            }
        }
        return results.values
    }
}
