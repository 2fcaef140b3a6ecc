import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

extension OldSchemaSeeds {
    /// Schema 6: an imported revision's source time, apart from when it was recorded; the
    /// revisions seeded before keep verifying without one, and a new one keeps it.
    static func schema6(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema5(path: path)
        return { store in
            try await check(store)
            var draft = Drafts.draft(image: "imported:1")
            draft.metadata.origin = "git:0123456789abcdef"
            draft.metadata.sourceTime = Date(timeIntervalSince1970: 1_700_000_000.5)
            let recorded = try await store.record([draft])
            let number = try #require(recorded.first?.revision.number)
            #expect(try await store.revision(of: draft.release, number: number)?.metadata.sourceTime == draft.metadata.sourceTime)
            await #expect(try store.verify() == [])
        }
    }
}
