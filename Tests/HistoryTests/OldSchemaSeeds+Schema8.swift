import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

extension OldSchemaSeeds {
    /// Schema 8: change records (ticket, approvers, emergency) on revisions and events. The links
    /// seeded before keep their digests without one; a new revision and event keep theirs.
    static func schema8(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema7(path: path)
        return { store in
            try await check(store)
            let record = ChangeRecord(ticket: "OPS-8", approvers: ["bob", "carol"], emergency: "outage")
            var draft = Drafts.draft(image: "ticketed:1")
            draft.metadata.change = record
            let number = try #require(try await store.record([draft]).first?.revision.number)
            #expect(try await store.revision(of: draft.release, number: number)?.metadata.change == record)
            try await store.recordEvent(EventDraft(release: draft.release, kind: .apply, outcome: .succeeded, revision: number,
                                                   author: "ada", createdAt: Date(timeIntervalSince1970: 1_800_000_000),
                                                   change: ChangeRecord(ticket: "OPS-9")))
            #expect(try await store.events(of: draft.release, kinds: [.apply], limit: 1).first?.draft.change.ticket == "OPS-9")
            await #expect(try store.verify() == [])
        }
    }
}
