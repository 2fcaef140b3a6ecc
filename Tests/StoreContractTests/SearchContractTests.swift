import Foundation
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// `history`'s conditions and `releases`, on every store. Times are set under the store (a
/// team ledger takes its times from the server's clock) to fixed moments.
@Suite struct SearchContractTests {
    static let agent = Drafts.release
    static let exporter = ReleaseID(namespace: "monitoring", name: "exporter")
    /// Two clusters whose kubeconfig context is `default`, told apart by their API server.
    static let east = ClusterTarget(context: "default", server: "https://east.example.com:6443")
    static let west = ClusterTarget(context: "default", server: "https://west.example.com:6443")

    /// 2026-12-03T10:00:00Z plus `minutes`.
    static func time(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_796_292_000 + minutes * 60) }

    /// Sets when revision `number` of `release` was recorded.
    static func setTime(_ contract: ContractStore, _ release: ReleaseID, _ number: Int, _ date: Date) throws {
        let text = Timestamp.format(date)
        let where_ = "(SELECT id FROM release WHERE namespace = '\(release.namespace)' AND name = '\(release.name)')"
        try contract.tamper(contract.kind == .sqlite
            ? "UPDATE revision SET createdAt = '\(text)' WHERE releaseId = \(where_) AND number = \(number);"
            : "UPDATE revision SET created_at = '\(text)' WHERE release_id = \(where_) AND number = \(number);")
    }

    /// Sets when every event recorded so far without a time of its own was recorded: the newest one.
    static func setLastEventTime(_ contract: ContractStore, _ date: Date) throws {
        let text = Timestamp.format(date)
        try contract.tamper(contract.kind == .sqlite
            ? "UPDATE event SET createdAt = '\(text)' WHERE id = (SELECT max(id) FROM event);"
            : "UPDATE event SET created_at = '\(text)' WHERE id = (SELECT max(id) FROM event);")
    }

    /// Records revisions of `release` with these authors and images at these minutes after 10:00.
    static func record(_ contract: ContractStore, _ release: ReleaseID, _ revisions: [(author: String, image: String, minute: Double)]) async throws {
        let first = (try await contract.store.revisions(of: release, limit: 1, before: nil).first?.number ?? 0) + 1
        _ = try await contract.store.record(revisions.map { Drafts.draft(release, image: $0.image, author: $0.author, at: 0) })
        for (offset, revision) in revisions.enumerated() { try setTime(contract, release, first + offset, time(revision.minute)) }
    }

    /// `namespace/name#number` of each revision, in order.
    static func names(_ revisions: [Revision]) -> [String] { revisions.map { "\($0.release.name)#\($0.number)" } }

    static func ledger(_ contract: ContractStore) async throws {
        try await record(contract, agent, [("Ada Lovelace <ada@example.com>", "registry.example.com/fluent-bit:3.1", 0),
                                           ("bob", "registry.example.com/fluent-bit:3.2", 60),
                                           ("ada", "registry.example.com/fluent-bit:3.3", 120)])
        try await record(contract, exporter, [("carol", "quay.io/prometheus/node-exporter:1.8", 30),
                                              ("ADA", "quay.io/prometheus/node-exporter:1.9", 90)])
    }

    @Test(arguments: StoreKind.allCases) func sinceIsInclusiveAndUntilExclusive(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            try await Self.ledger(contract)
            let store = contract.store
            let all = try await store.revisions(matching: RevisionQuery(), limit: 10, after: nil)
            #expect(Self.names(all) == ["agent#3", "exporter#2", "agent#2", "exporter#1", "agent#1"])
            let window = RevisionQuery(since: Self.time(60), until: Self.time(120))
            #expect(Self.names(try await store.revisions(matching: window, limit: 10, after: nil)) == ["exporter#2", "agent#2"])
            // A millisecond either side.
            let tight = RevisionQuery(since: Self.time(60).addingTimeInterval(0.001), until: Self.time(120).addingTimeInterval(0.001))
            #expect(Self.names(try await store.revisions(matching: tight, limit: 10, after: nil)) == ["agent#3", "exporter#2"])
            let one = RevisionQuery(release: Self.agent, until: Self.time(60))
            #expect(Self.names(try await store.revisions(matching: one, limit: 10, after: nil)) == ["agent#1"])
        }
    }

    @Test(arguments: StoreKind.allCases) func authorAndImageMatchSubstrings(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            try await Self.ledger(contract)
            let store = contract.store
            func names(_ query: RevisionQuery) async throws -> [String] {
                Self.names(try await store.revisions(matching: query, limit: 10, after: nil))
            }
            // ASCII letters in either case.
            #expect(try await names(RevisionQuery(author: "aDa")) == ["agent#3", "exporter#2", "agent#1"])
            #expect(try await names(RevisionQuery(author: "@example.com")) == ["agent#1"])
            #expect(try await names(RevisionQuery(release: Self.agent, author: "ada")) == ["agent#3", "agent#1"])
            // Any part of any image, case as written; never across two images or the JSON around them.
            #expect(try await names(RevisionQuery(image: "fluent-bit:3.")) == ["agent#3", "agent#2", "agent#1"])
            #expect(try await names(RevisionQuery(image: "exporter:1.9")) == ["exporter#2"])
            #expect(try await names(RevisionQuery(image: "Fluent")).isEmpty)
            #expect(try await names(RevisionQuery(image: "\"")).isEmpty)
            #expect(try await names(RevisionQuery(image: "[")).isEmpty)
            #expect(try await names(RevisionQuery(image: "3.1\",\"")).isEmpty)
            #expect(try await names(RevisionQuery(since: Self.time(60), author: "ada", image: "node-exporter")) == ["exporter#2"])
            // Images written by another JSON encoder, with `/` escaped, are found too.
            let escaped = #"["registry.example.com\/fluent-bit:3.1"]"#
            try contract.tamper(contract.kind == .sqlite
                ? "UPDATE revision SET images = '\(escaped)' WHERE number = 1 AND releaseId = (SELECT id FROM release WHERE name = 'agent');"
                : "UPDATE revision SET images = '\(escaped)' WHERE number = 1 AND release_id = (SELECT id FROM release WHERE name = 'agent');")
            #expect(try await names(RevisionQuery(image: "example.com/fluent-bit:3.1")) == ["agent#1"])
            // LIKE's wildcards are plain text here.
            #expect(try await names(RevisionQuery(author: "%")).isEmpty)
            #expect(try await names(RevisionQuery(image: "_")).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func pagesFollowEachOtherAcrossReleases(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            try await Self.ledger(contract)
            // Two revisions in the same millisecond: the release and the number break the tie.
            try Self.setTime(contract, Self.exporter, 1, Self.time(60))
            let store = contract.store
            let whole = Self.names(try await store.revisions(matching: RevisionQuery(), limit: 10, after: nil))
            #expect(whole == ["agent#3", "exporter#2", "exporter#1", "agent#2", "agent#1"]
                || whole == ["agent#3", "exporter#2", "agent#2", "exporter#1", "agent#1"])
            var pages: [String] = []
            var cursor: RevisionCursor?
            while true {
                let page = try await store.revisions(matching: RevisionQuery(), limit: 2, after: cursor)
                guard let last = page.last else { break }
                #expect(page.count <= 2)
                pages += Self.names(page)
                cursor = RevisionCursor(after: last)
            }
            #expect(pages == whole)
            // One release pages by number.
            let first = try await store.revisions(matching: RevisionQuery(release: Self.agent), limit: 2, after: nil)
            #expect(Self.names(first) == ["agent#3", "agent#2"])
            let next = try await store.revisions(matching: RevisionQuery(release: Self.agent), limit: 2, after: RevisionCursor(after: first[1]))
            #expect(Self.names(next) == ["agent#1"])
            #expect(try await store.revisions(matching: RevisionQuery(release: ReleaseID(namespace: "x", name: "y")), limit: 2, after: nil).isEmpty)
        }
    }

    /// An apply or rollback as the commands record it: `started`, then its outcome (none when interrupted).
    static func apply(_ contract: ContractStore, _ release: ReleaseID, _ revision: Int, to cluster: ClusterTarget, minute: Double,
                      outcome: EventOutcome?, kind: EventKind = .apply) async throws {
        for outcome in [EventOutcome.started] + (outcome.map { [$0] } ?? []) {
            try await contract.store.recordEvent(EventDraft(release: release, kind: kind, outcome: outcome, revision: revision, author: "ci",
                                                            createdAt: time(minute), cluster: cluster), chainKey: Drafts.chainKey)
            try setLastEventTime(contract, time(minute))
        }
    }

    @Test(arguments: StoreKind.allCases) func releasesSayWhatWasAppliedWhereThenAndNow(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            try await Self.ledger(contract)
            try await Self.apply(contract, Self.agent, 1, to: Self.east, minute: 5, outcome: .succeeded)
            try await Self.apply(contract, Self.agent, 1, to: Self.west, minute: 6, outcome: .succeeded)
            try await Self.apply(contract, Self.agent, 2, to: Self.east, minute: 65, outcome: .timedOut)
            try await Self.apply(contract, Self.agent, 3, to: Self.west, minute: 125, outcome: .failed)
            try await Self.apply(contract, Self.agent, 3, to: Self.east, minute: 126, outcome: nil)   // interrupted
            try await Self.apply(contract, Self.agent, 1, to: Self.west, minute: 130, outcome: .succeeded, kind: .rollback)
            try await Self.apply(contract, Self.exporter, 2, to: Self.west, minute: 131, outcome: .cancelled)
            let store = contract.store

            let now = try await store.releaseStates(at: nil)
            #expect(now.map(\.release) == [Self.exporter, Self.agent])
            let agent = try #require(now.last)
            #expect(agent.latest == 3 && agent.changedAt == Self.time(120))
            #expect(agent.applied == [ClusterRevision(cluster: Self.east, revision: 2, kind: .apply, at: Self.time(65)),
                                      ClusterRevision(cluster: Self.west, revision: 1, kind: .rollback, at: Self.time(130))])
            #expect(now.first?.latest == 2 && now.first?.applied == [])

            // At 10:45: agent had revision 1 (east and west), exporter revision 1 was recorded.
            let then = try await store.releaseStates(at: Self.time(45))
            #expect(then.map(\.latest) == [1, 1])
            #expect(then.last?.applied.map(\.revision) == [1, 1])
            #expect(then.last?.applied.map(\.cluster) == [Self.east, Self.west])
            // Inclusive: the moment of the apply counts, the moment before does not.
            #expect(try await store.releaseStates(at: Self.time(65)).last?.applied.first?.revision == 2)
            #expect(try await store.releaseStates(at: Self.time(65).addingTimeInterval(-0.001)).last?.applied.first?.revision == 1)
            // Before anything was recorded: nothing.
            #expect(try await store.releaseStates(at: Self.time(-1)).isEmpty)
            // Only agent by 10:15.
            #expect(try await store.releaseStates(at: Self.time(15)).map(\.release) == [Self.agent])
        }
    }
}
