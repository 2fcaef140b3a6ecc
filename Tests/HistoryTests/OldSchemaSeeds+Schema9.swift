import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

extension OldSchemaSeeds {
    /// Schema 9: an index on the recording time for `history --all` and `--since`/`--until`. The
    /// revisions seeded by the earlier schemas are found through it, newest first.
    static func schema9(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema7(path: path)
        return { store in
            try await check(store)
            #expect(try SQLiteShell.run(path, "SELECT name FROM sqlite_master WHERE name = 'revision_by_time';").trimmingCharacters(in: .whitespacesAndNewlines) == "revision_by_time")
            let byNumber = try await store.revisions(of: Drafts.release, limit: 1000, before: nil)
            let byTime = try await store.revisions(matching: RevisionQuery(), limit: 1000, after: nil).filter { $0.release == Drafts.release }
            #expect(Set(byTime.map(\.number)) == Set(byNumber.map(\.number)))
            #expect(byTime.map(\.metadata.createdAt) == byTime.map(\.metadata.createdAt).sorted(by: >))
        }
    }
}
