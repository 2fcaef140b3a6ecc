import Foundation
import History
import Ledger
import ObjectModel
import Testing

@Suite struct QueryTests {
    @Test func revisionsComeNewestFirstInPages() throws {
        try withStore { store, _ throws in
            _ = try store.record((1...7).map { Drafts.draft(image: "a:\($0)") })
            let page = { (before: Int?) in try store.revisions(of: Drafts.release, limit: 3, before: before).map(\.number) }
            #expect(try page(nil) == [7, 6, 5])
            #expect(try page(5) == [4, 3, 2])
            #expect(try page(2) == [1])
            #expect(try page(1) == [])
            #expect(try store.revisions(of: Drafts.release, limit: 100, before: nil).count == 7)
            #expect(try store.revisions(of: ReleaseID(namespace: "ops", name: "nothing"), limit: 3, before: nil) == [])
        }
    }

    @Test func aRevisionReadsBackAsRecorded() throws {
        try withStore { store, _ throws in
            let draft = Drafts.draft(message: nil, at: 1_793_614_443.1239)
            let recorded = try #require(try store.record([draft]).first?.revision)
            let read = try #require(try store.revision(of: Drafts.release, number: 1))
            #expect(read == recorded)
            #expect(read.metadata == draft.metadata)
            #expect(read.metadata.message == nil)
            #expect(read.summary == draft.summary)
            #expect(read.contentDigest == draft.contentDigest)
            #expect(try store.revision(of: Drafts.release, number: 2) == nil)
            #expect(try store.revision(of: ReleaseID(namespace: "x", name: "agent"), number: 1) == nil)
        }
    }

    @Test func objectsSpecAndSecretHashesReadBackAsRecorded() throws {
        try withStore { store, _ throws in
            let first = Drafts.draft(image: "a:1", secrets: ["ZED": "z", "ALPHA": "a"])
            let second = Drafts.draft(image: "a:2", secrets: [:])
            _ = try store.record([first, second])
            #expect(try store.objects(of: Drafts.release, number: 1) == first.objects)
            #expect(try store.objects(of: Drafts.release, number: 1).map { $0["kind"] } == ["ConfigMap", "Secret", "DaemonSet"])
            #expect(try store.objects(of: Drafts.release, number: 2) == second.objects)
            #expect(try store.spec(of: Drafts.release, number: 1) == first.spec)
            #expect(try store.spec(of: Drafts.release, number: 2) == second.spec)
            #expect(try store.secretHashes(of: Drafts.release, number: 1).map(\.key) == ["ALPHA", "ZED"])
            #expect(Set(try store.secretHashes(of: Drafts.release, number: 1)) == Set(first.secretHashes))
            #expect(try store.secretHashes(of: Drafts.release, number: 2) == [])
            #expect(try store.objects(of: Drafts.release, number: 3) == [])
        }
    }

    @Test func namespacesOfAReleaseNameAreSortedAndOnlyThoseWithRevisions() throws {
        try withStore { store, _ throws in
            _ = try store.record([Drafts.draft(ReleaseID(namespace: "zeta", name: "agent")),
                                  Drafts.draft(ReleaseID(namespace: "alpha", name: "agent")),
                                  Drafts.draft(ReleaseID(namespace: "alpha", name: "other"))])
            try store.recordEvent(EventDraft(release: ReleaseID(namespace: "events-only", name: "agent"), kind: "drift",
                                             outcome: "clean", revision: nil, author: "ada", createdAt: Date()))
            #expect(try store.namespaces(ofReleaseNamed: "agent") == ["alpha", "zeta"])
            #expect(try store.namespaces(ofReleaseNamed: "other") == ["alpha"])
            #expect(try store.namespaces(ofReleaseNamed: "missing") == [])
        }
    }
}
