import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

extension OldSchemaSeeds {
    /// Schema 10: lint findings on revisions. The revisions seeded before read back with none
    /// recorded (`nil`) and keep their links; a new revision keeps its findings, and `[]` apart.
    static func schema10(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema7(path: path)
        return { store in
            try await check(store)
            let before = try await store.revisions(of: Drafts.release, limit: 1000, before: nil)
            #expect(before.allSatisfy { $0.metadata.lint == nil })
            let findings = [LintRecord(rule: "pinned-image", severity: "warning", path: "spec.container.app.image.tag")]
            var linted = Drafts.draft(image: "linted:1")
            linted.metadata.lint = findings
            var clean = Drafts.draft(image: "clean:1")
            clean.metadata.lint = []
            let numbers = try await store.record([linted, clean]).map(\.revision.number)
            #expect(try await store.revision(of: Drafts.release, number: numbers[0])?.metadata.lint == findings)
            #expect(try await store.revision(of: Drafts.release, number: numbers[1])?.metadata.lint == [])
            await #expect(try store.verify() == [])
        }
    }
}
