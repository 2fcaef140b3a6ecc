import Foundation
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// Lint findings on revisions (schema 10 / team schema 5), on every store: kept as recorded,
/// `nil` (not recorded) apart from `[]` (linted clean), in the keyed chain only when recorded,
/// and caught by `verify` when edited.
@Suite struct LintContractTests {
    static let findings = [LintRecord(rule: "pinned-image", severity: "warning", path: "spec.container.app.image.tag"),
                           LintRecord(rule: "node-selector", severity: "warning", path: "spec.node_selector")]

    static func linted(_ lint: [LintRecord]?, image: String) -> RevisionDraft {
        var draft = Drafts.draft(image: image)
        draft.metadata.lint = lint
        return draft
    }

    @Test(arguments: StoreKind.allCases) func revisionsKeepTheirLintApartFromNone(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Self.linted(Self.findings, image: "a:1"), Self.linted([], image: "a:2"),
                                        Self.linted(nil, image: "a:3")])
            let revisions = try await store.revisions(of: Drafts.release, limit: 10, before: nil)
            #expect(revisions.map(\.metadata.lint) == [nil, [], Self.findings])
            #expect(try await store.revision(of: Drafts.release, number: 1)?.metadata.lint == Self.findings)
            #expect(try await store.revisions(matching: RevisionQuery(), limit: 10, after: nil).map(\.metadata.lint) == [nil, [], Self.findings])
            #expect(try contract.sql("SELECT count(*) FROM revision WHERE lint IS NULL") == "1")
            #expect(try await store.verify().isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func anEditedLintBreaksTheLinkForVerifyAndRollback(kind: StoreKind) async throws {
        let edits: [(sql: String, number: Int)] = [
            // Findings removed by someone who can write the database (to hide them).
            ("UPDATE revision SET lint = '[]' WHERE number = 1;", 1), ("UPDATE revision SET lint = NULL WHERE number = 1;", 1),
            ("UPDATE revision SET lint = 'not json' WHERE number = 1;", 1),
            // Findings added where it linted clean, or where none were recorded.
            ("UPDATE revision SET lint = '[{\"rule\":\"x\",\"severity\":\"warning\",\"path\":\"spec\"}]' WHERE number = 2;", 2),
            ("UPDATE revision SET lint = '[]' WHERE number = 3;", 3),
        ]
        for edit in edits {
            try await withContractStore(kind) { contract throws in
                let store = contract.store
                _ = try await store.record([Self.linted(Self.findings, image: "a:1"), Self.linted([], image: "a:2"),
                                            Self.linted(nil, image: "a:3")])
                #expect(try await store.verify().isEmpty)
                try contract.tamper(edit.sql)
                let verdict = try #require(try await store.verify(chainKey: Drafts.chainKey).releases.first)
                #expect(verdict.broken?.problem == .changedRevision && verdict.broken?.revision == edit.number, "\(edit.sql)")
                // rollback and regenerate check the revision's link before use: refused.
                await #expect(throws: RevisionDamage.self, "\(edit.sql)") {
                    try await RevisionIntegrity.check(Drafts.release, number: edit.number, in: store, chainKey: Drafts.chainKey)
                }
            }
        }
    }
}
