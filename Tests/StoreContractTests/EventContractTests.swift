import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

@Suite struct EventContractTests {
    static let prod = ClusterTarget(context: "prod", server: "https://10.0.0.1:6443")
    static let staging = ClusterTarget(context: "staging", server: "https://10.0.0.2:6443")

    static func apply(_ store: any RevisionStore, _ revision: Int, _ outcome: EventOutcome, to cluster: ClusterTarget,
                      kind: EventKind = .apply, release: ReleaseID = Drafts.release) async throws {
        try await store.recordEvent(EventDraft(release: release, kind: kind, outcome: outcome, revision: revision, author: "ada",
                                         createdAt: Date(timeIntervalSince1970: 1_793_614_443), cluster: cluster,
                                         detail: ["objects": 3]))
    }

    @Test(arguments: StoreKind.allCases) func eventsKeepTheirClusterAndDetailAndComeNewestFirst(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft()])
            try await Self.apply(store, 1, .failed, to: Self.prod)
            let events = try await store.events(of: Drafts.release, kinds: [], limit: 10)
            #expect(events.map(\.draft.kind) == [.apply, .render])
            #expect(events[0].draft.cluster == Self.prod)
            #expect(events[0].draft.detail == ["objects": 3])
            #expect(events[1].draft.cluster == nil)
            await #expect(try store.events(of: Drafts.release, kinds: [.apply], limit: 10).count == 1)
            await #expect(try store.events(of: Drafts.release, kinds: [.drift], limit: 10).isEmpty)
        }
    }

    /// A newer dsledger sharing the ledger may write a kind or outcome this one does not know: it
    /// reads back with its own text, and does not count as an apply.
    @Test(arguments: StoreKind.allCases) func aKindOrOutcomeOfANewerDsledgerReadsBackAsWritten(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft()])
            let canary = EventKind(rawValue: "canary"), paused = EventOutcome(rawValue: "paused")
            try await Self.apply(store, 1, paused, to: Self.prod, kind: canary)
            let events = try await store.events(of: Drafts.release, kinds: [canary], limit: 10)
            #expect(events.map(\.draft.kind) == [canary])
            #expect(events.map(\.draft.outcome.rawValue) == ["paused"])
            #expect(!events[0].draft.kind.isKnown && !events[0].draft.outcome.isKnown)
            #expect(EventKind(rawValue: "apply") == .apply && EventKind.apply.isKnown)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.prod) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func theAppliedRevisionIsTheLastSuccessfulApplyOrRollbackToThatContext(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(image: "a:3")])
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.prod) == nil)
            try await Self.apply(store, 1, .succeeded, to: Self.prod)
            try await Self.apply(store, 2, .succeeded, to: Self.staging)
            try await Self.apply(store, 3, .failed, to: Self.prod)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.prod) == 1)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.staging) == 2)
            try await Self.apply(store, 3, .succeeded, to: Self.prod, kind: .rollback)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.prod) == 3)
            await #expect(try store.lastApplied(of: ReleaseID(namespace: "x", name: "y"), cluster: Self.prod) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func deploymentsGiveTheNewestClusterEventOfEachRevision(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(image: "a:3")])
            try await Self.apply(store, 1, .failed, to: Self.prod)
            try await Self.apply(store, 1, .succeeded, to: Self.staging)
            try await Self.apply(store, 2, .failed, to: Self.prod)
            let found = try await store.deployments(of: Drafts.release, revisions: [1, 2, 3])
            #expect(found[1]?.draft.cluster == Self.staging && found[1]?.draft.outcome == .succeeded)
            #expect(found[2]?.draft.outcome == .failed)
            #expect(found[3] == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func releasesAppliedToAContextNameTheirLastAppliedRevision(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            let other = ReleaseID(namespace: "monitoring", name: "node-exporter")
            _ = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(other)])
            try await Self.apply(store, 1, .succeeded, to: Self.prod)
            try await Self.apply(store, 2, .succeeded, to: Self.prod)
            try await Self.apply(store, 1, .succeeded, to: Self.staging, release: other)
            await #expect(try store.releasesApplied(to: Self.prod) == [AppliedRelease(release: Drafts.release, revision: 2)])
            await #expect(try store.releasesApplied(to: Self.staging) == [AppliedRelease(release: other, revision: 1)])
        }
    }

    /// `default` names many clusters: a cluster is its API server and its context together.
    @Test(arguments: StoreKind.allCases) func theSameContextNameOnTwoServersKeepsItsOwnLastApplied(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            let one = ClusterTarget(context: "default", server: "https://10.0.0.1:6443")
            let two = ClusterTarget(context: "default", server: "https://10.0.0.2:6443")
            _ = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2")])
            try await Self.apply(store, 1, .succeeded, to: one)
            try await Self.apply(store, 2, .succeeded, to: two)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: one) == 1)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: two) == 2)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: ClusterTarget(context: "default", server: "")) == nil)
            await #expect(try store.releasesApplied(to: one) == [AppliedRelease(release: Drafts.release, revision: 1)])
            await #expect(try store.releasesApplied(to: two) == [AppliedRelease(release: Drafts.release, revision: 2)])
        }
    }

    /// A started apply is never applied, in progress or interrupted; a timed-out one is (every
    /// object was applied); a cancelled one is not.
    @Test(arguments: StoreKind.allCases) func onlySucceededAndTimedOutAppliesAreApplied(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(image: "a:3")])
            try await Self.apply(store, 1, .succeeded, to: Self.prod)
            try await Self.apply(store, 2, .started, to: Self.prod)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.prod) == 1)
            try await Self.apply(store, 3, .cancelled, to: Self.prod)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.prod) == 1)
            await #expect(try store.releasesApplied(to: Self.prod) == [AppliedRelease(release: Drafts.release, revision: 1)])
            try await Self.apply(store, 2, .timedOut, to: Self.prod, kind: .rollback)
            await #expect(try store.lastApplied(of: Drafts.release, cluster: Self.prod) == 2)
            let found = try await store.deployments(of: Drafts.release, revisions: [2, 3])
            #expect(found[2]?.draft.outcome == .timedOut && found[3]?.draft.outcome == .cancelled)
        }
    }

    @Test(arguments: StoreKind.allCases) func eventsAreAppendOnly(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft()])
            #expect(throws: (any Error).self) { try contract.sql("UPDATE event SET outcome = 'succeeded';") }
            #expect(throws: (any Error).self) { try contract.sql("DELETE FROM event;") }
            #expect(try contract.count("SELECT count(*) FROM event WHERE outcome = 'recorded';") == 1)
        }
    }
}
