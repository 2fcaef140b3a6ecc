import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

@Suite struct QueryContractTests {
    @Test(arguments: StoreKind.allCases) func revisionsComeNewestFirstInPages(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record((1...7).map { Drafts.draft(image: "a:\($0)") })
            let page = { (before: Int?) in try await store.revisions(of: Drafts.release, limit: 3, before: before).map(\.number) }
            #expect(try await page(nil) == [7, 6, 5])
            #expect(try await page(5) == [4, 3, 2])
            #expect(try await page(2) == [1])
            #expect(try await page(1) == [])
            await #expect(try store.revisions(of: Drafts.release, limit: 100, before: nil).count == 7)
            await #expect(try store.revisions(of: ReleaseID(namespace: "ops", name: "nothing"), limit: 3, before: nil) == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func aRevisionReadsBackAsRecorded(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            let draft = Drafts.draft(message: nil, at: 1_793_614_443.1239)
            let recorded = try await #require(try store.record([draft]).first?.revision)
            let read = try await #require(try store.revision(of: Drafts.release, number: 1))
            #expect(read == recorded)
            var expected = draft.metadata
            if contract.kind == .postgresql {
                // The server's clock stamps what a team ledger records, never the runner's.
                #expect(abs(read.metadata.createdAt.timeIntervalSinceNow) < 60)
                expected.createdAt = read.metadata.createdAt
            }
            #expect(read.metadata == expected)
            #expect(read.metadata.message == nil)
            #expect(read.summary == draft.summary)
            #expect(read.contentDigest == draft.contentDigest)
            await #expect(try store.revision(of: Drafts.release, number: 2) == nil)
            await #expect(try store.revision(of: ReleaseID(namespace: "x", name: "agent"), number: 1) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func objectsSpecAndSecretHashesReadBackAsRecorded(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            let first = Drafts.draft(image: "a:1", secrets: ["ZED": "z", "ALPHA": "a"])
            let second = Drafts.draft(image: "a:2", secrets: [:])
            _ = try await store.record([first, second])
            await #expect(try store.objects(of: Drafts.release, number: 1) == first.objects)
            await #expect(try store.objects(of: Drafts.release, number: 1).map { $0["kind"] } == ["ConfigMap", "Secret", "DaemonSet"])
            await #expect(try store.objects(of: Drafts.release, number: 2) == second.objects)
            await #expect(try store.spec(of: Drafts.release, number: 1) == first.spec)
            await #expect(try store.spec(of: Drafts.release, number: 2) == second.spec)
            await #expect(try store.secretHashes(of: Drafts.release, number: 1).map(\.key) == ["ALPHA", "ZED"])
            await #expect(Set(try store.secretHashes(of: Drafts.release, number: 1)) == Set(first.secretHashes))
            await #expect(try store.secretHashes(of: Drafts.release, number: 2) == [])
            await #expect(try store.objects(of: Drafts.release, number: 3) == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func namespacesOfAReleaseNameAreSortedAndOnlyThoseWithRevisions(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft(ReleaseID(namespace: "zeta", name: "agent")),
                                  Drafts.draft(ReleaseID(namespace: "alpha", name: "agent")),
                                  Drafts.draft(ReleaseID(namespace: "alpha", name: "other"))])
            try await store.recordEvent(EventDraft(release: ReleaseID(namespace: "events-only", name: "agent"), kind: .drift,
                                             outcome: .clean, revision: nil, author: "ada", createdAt: Date()))
            await #expect(try store.namespaces(ofReleaseNamed: "agent") == ["alpha", "zeta"])
            await #expect(try store.namespaces(ofReleaseNamed: "other") == ["alpha"])
            await #expect(try store.namespaces(ofReleaseNamed: "missing") == [])
        }
    }
}
