import Foundation
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// Tickets, approvers and emergencies (schema 8 / team schema 3) and the ledger's policy, on
/// every store: kept, read back, in the keyed chain, and caught when edited.
@Suite struct ChangeRecordContractTests {
    static let record = ChangeRecord(ticket: "OPS-12", approvers: ["bob@example.com", "carol"], emergency: "pager 4411")
    static let prod = ClusterTarget(context: "prod", server: "https://10.0.0.1:6443")

    static func drafted(_ record: ChangeRecord, image: String = "a:1") -> RevisionDraft {
        var draft = Drafts.draft(image: image)
        draft.metadata.change = record
        return draft
    }

    static func apply(_ record: ChangeRecord) -> EventDraft {
        EventDraft(release: Drafts.release, kind: .apply, outcome: .succeeded, revision: 1, author: "ada <ada@example.com>",
                   createdAt: Date(timeIntervalSince1970: 1_793_614_500), cluster: prod, change: record)
    }

    @Test(arguments: StoreKind.allCases) func aRevisionAndAnEventKeepTheirRecordsInTheChain(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Self.drafted(Self.record), Self.drafted(ChangeRecord(), image: "a:2")])
            try await store.recordEvent(Self.apply(ChangeRecord(ticket: "OPS-13", approvers: ["dan"])))
            let revisions = try await store.revisions(of: Drafts.release, limit: 10, before: nil)
            #expect(revisions.map(\.metadata.change) == [ChangeRecord(), Self.record])
            #expect(try await store.revision(of: Drafts.release, number: 1)?.metadata.change == Self.record)
            let applies = try await store.events(of: Drafts.release, kinds: [.apply], limit: 10)
            #expect(applies.map(\.draft.change) == [ChangeRecord(ticket: "OPS-13", approvers: ["dan"])])
            // The recorded event of a new revision does not repeat the revision's record.
            let renders = try await store.events(of: Drafts.release, kinds: [.render], limit: 10)
            #expect(renders.allSatisfy { $0.draft.change.isEmpty })
            #expect(try await store.verify().isEmpty)
            #expect(try await store.deployments(of: Drafts.release, revisions: [1])[1]?.draft.change.ticket == "OPS-13")
        }
    }

    @Test(arguments: StoreKind.allCases) func anUnchangedRenderKeepsItsRecordOnItsEvent(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft(image: "a:1")])
            let outcomes = try await store.record([Self.drafted(Self.record)])
            guard case .unchanged(let latest) = outcomes.first else { Issue.record("not unchanged"); return }
            #expect(latest.metadata.change.isEmpty)
            let events = try await store.events(of: Drafts.release, kinds: [.render], limit: 1)
            #expect(events.first?.draft.outcome == .unchanged && events.first?.draft.change == Self.record)
            #expect(try await store.verify().isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func anEditedTicketBreaksTheLink(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Self.drafted(Self.record)])
            try await store.recordEvent(Self.apply(Self.record))
            try contract.tamper("UPDATE revision SET ticket = 'OPS-99' WHERE number = 1;")
            let verdict = try #require(try await store.verify(chainKey: Drafts.chainKey).releases.first)
            #expect(verdict.broken?.problem == .changedRevision && verdict.broken?.revision == 1)
        }
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Self.drafted(Self.record)])
            try await store.recordEvent(Self.apply(Self.record))
            // Removing the approvers (or the emergency) of an apply is an edit too.
            let column = kind == .sqlite ? "approvedBy" : "approved_by"
            try contract.tamper("UPDATE event SET \(column) = NULL, emergency = NULL WHERE kind = 'apply';")
            let verdict = try #require(try await store.verify(chainKey: Drafts.chainKey).releases.first)
            #expect(verdict.broken?.problem == .changedEvent)
        }
    }

    @Test(arguments: StoreKind.allCases) func thePolicyIsTheLatestGenuinePolicyEvent(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            #expect(try await store.policy(chainKey: Drafts.chainKey).policy == LedgerPolicy())
            let at = Date(timeIntervalSince1970: 1_793_614_443)
            try await store.recordEvent(LedgerPolicy(requireTicket: true).event(author: "ada", createdAt: at))
            try await store.recordEvent(LedgerPolicy(requireTicket: false).event(author: "bob", createdAt: at + 1))
            try await store.recordEvent(LedgerPolicy(requireTicket: true).event(author: "carol", createdAt: at + 2))
            let state = try await store.policy(chainKey: Drafts.chainKey)
            #expect(state.policy.requireTicket && state.setBy?.draft.author == "carol" && state.setBy?.position == 3)
            #expect(try await store.verify().isEmpty)
            // Someone who can write the database flips it back without the key: refused, and verify names it.
            try contract.tamper("UPDATE event SET detail = '{\"require-ticket\":false}' WHERE position = 3;")
            await #expect(throws: PolicyDamage.self) { try await store.policy(chainKey: Drafts.chainKey) }
            let verdict = try #require(try await store.verify(chainKey: Drafts.chainKey).releases.first { $0.release == LedgerPolicy.release })
            #expect(verdict.broken?.problem == .changedEvent)
        }
    }
}
