internal import GRDB
import Foundation
import Ledger

extension SQLiteRevisionStore {
    /// The origins (`git:<commit>`, `cluster:<name>`) starting with `prefix` that a release has
    /// already seen, as revisions or as import events (skipped or unchanged versions), by index.
    ///
    /// - Parameters:
    ///   - release: the release; none yet means an empty set.
    ///   - prefix: `git:` or `cluster:`.
    public func origins(of release: ReleaseID, prefix: String) async throws(StoreError) -> Set<String> {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return [] }
            // A range instead of LIKE, so SQLite uses the partial indexes.
            let upper = Self.successor(of: prefix)
            let revisions = try String.fetchAll(db, sql: """
                SELECT origin FROM revision WHERE releaseId = ? AND origin >= ? AND origin < ?
                """, arguments: [releaseID, prefix, upper])
            let events = try String.fetchAll(db, sql: """
                SELECT origin FROM event WHERE releaseId = ? AND origin >= ? AND origin < ?
                """, arguments: [releaseID, prefix, upper])
            return Set(revisions).union(events)
        }
    }

    /// The smallest string above every string that starts with `prefix`.
    private static func successor(of prefix: String) -> String {
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return prefix + "\u{10FFFF}" }
        return String(prefix.unicodeScalars.dropLast()) + String(next)
    }
}
