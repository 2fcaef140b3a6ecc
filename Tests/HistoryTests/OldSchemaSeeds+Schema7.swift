import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

extension OldSchemaSeeds {
    /// Schema 7: revisions and events are keyed links with positions. The plain revisions seeded
    /// by the earlier schemas stay a prefix; the revision schema 6's check records is the first
    /// keyed link after it, and the release then verifies as intact, not unkeyed.
    static func schema7(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema6(path: path)
        return { store in
            try await check(store)
            let revisions = try await store.revisions(of: Drafts.release, limit: 1000, before: nil).reversed()
            let plain = revisions.prefix { $0.position == nil }
            #expect(!plain.isEmpty && revisions.dropFirst(plain.count).allSatisfy { $0.position != nil })
            #expect(revisions.dropFirst(plain.count).first?.position == plain.count + 1)
            let verdicts = try await store.verify(chainKey: Drafts.chainKey).releases
            #expect(verdicts.first { $0.release == Drafts.release }?.status == .intact)
        }
    }
}
