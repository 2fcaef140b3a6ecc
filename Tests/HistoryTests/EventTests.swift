import Foundation
import History
import Ledger
import ObjectModel
import Testing

@Suite struct EventTests {
    static let prod = ClusterTarget(context: "prod", server: "https://10.0.0.1:6443")
    static let staging = ClusterTarget(context: "staging", server: "https://10.0.0.2:6443")

    static func apply(_ store: SQLiteRevisionStore, _ revision: Int, _ outcome: EventOutcome, to cluster: ClusterTarget,
                      kind: EventKind = .apply, release: ReleaseID = Drafts.release) throws {
        try store.recordEvent(EventDraft(release: release, kind: kind, outcome: outcome, revision: revision, author: "ada",
                                         createdAt: Date(timeIntervalSince1970: 1_793_614_443), cluster: cluster,
                                         detail: ["objects": 3]))
    }

    @Test func eventsKeepTheirClusterAndDetailAndComeNewestFirst() throws {
        try withStore { store, _ throws in
            _ = try store.record([Drafts.draft()])
            try Self.apply(store, 1, .failed, to: Self.prod)
            let events = try store.events(of: Drafts.release, kinds: [], limit: 10)
            #expect(events.map(\.draft.kind) == ["apply", "render"])
            #expect(events[0].draft.cluster == Self.prod)
            #expect(events[0].draft.detail == ["objects": 3])
            #expect(events[1].draft.cluster == nil)
            #expect(try store.events(of: Drafts.release, kinds: ["apply"], limit: 10).count == 1)
            #expect(try store.events(of: Drafts.release, kinds: ["drift"], limit: 10).isEmpty)
        }
    }

    @Test func theAppliedRevisionIsTheLastSuccessfulApplyOrRollbackToThatContext() throws {
        try withStore { store, _ throws in
            _ = try store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(image: "a:3")])
            #expect(try store.lastApplied(of: Drafts.release, context: "prod") == nil)
            try Self.apply(store, 1, .succeeded, to: Self.prod)
            try Self.apply(store, 2, .succeeded, to: Self.staging)
            try Self.apply(store, 3, .failed, to: Self.prod)
            #expect(try store.lastApplied(of: Drafts.release, context: "prod") == 1)
            #expect(try store.lastApplied(of: Drafts.release, context: "staging") == 2)
            try Self.apply(store, 3, .succeeded, to: Self.prod, kind: .rollback)
            #expect(try store.lastApplied(of: Drafts.release, context: "prod") == 3)
            #expect(try store.lastApplied(of: ReleaseID(namespace: "x", name: "y"), context: "prod") == nil)
        }
    }

    @Test func deploymentsGiveTheNewestClusterEventOfEachRevision() throws {
        try withStore { store, _ throws in
            _ = try store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(image: "a:3")])
            try Self.apply(store, 1, .failed, to: Self.prod)
            try Self.apply(store, 1, .succeeded, to: Self.staging)
            try Self.apply(store, 2, .failed, to: Self.prod)
            let found = try store.deployments(of: Drafts.release, revisions: [1, 2, 3])
            #expect(found[1]?.draft.cluster == Self.staging && found[1]?.draft.outcome == "succeeded")
            #expect(found[2]?.draft.outcome == "failed")
            #expect(found[3] == nil)
        }
    }

    @Test func releasesAppliedToAContextNameTheirLastAppliedRevision() throws {
        try withStore { store, _ throws in
            let other = ReleaseID(namespace: "monitoring", name: "node-exporter")
            _ = try store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(other)])
            try Self.apply(store, 1, .succeeded, to: Self.prod)
            try Self.apply(store, 2, .succeeded, to: Self.prod)
            try Self.apply(store, 1, .succeeded, to: Self.staging, release: other)
            #expect(try store.releasesApplied(toContext: "prod") == [AppliedRelease(release: Drafts.release, revision: 2)])
            #expect(try store.releasesApplied(toContext: "staging") == [AppliedRelease(release: other, revision: 1)])
        }
    }

    @Test func eventsAreAppendOnly() throws {
        try withStore { store, path throws in
            _ = try store.record([Drafts.draft()])
            #expect(throws: (any Error).self) { try SQLiteShell.run(path, "UPDATE event SET outcome = 'succeeded';") }
            #expect(throws: (any Error).self) { try SQLiteShell.run(path, "DELETE FROM event;") }
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM event WHERE outcome = 'recorded';") == 1)
        }
    }
}
