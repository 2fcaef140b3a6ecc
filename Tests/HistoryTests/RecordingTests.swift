import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

@Suite struct RecordingTests {
    @Test func numbersRevisionsOneTwoThreeInOneRelease() async throws {
        try await withStore { store, _ throws in
            var numbers: [[Int]] = []
            for image in ["a:1", "a:2", "a:3"] { numbers.append(try await store.record([Drafts.draft(image: image)]).map(\.revision.number)) }
            #expect(numbers == [[1], [2], [3]])
        }
    }

    @Test func unchangedContentAddsAnEventNotARevision() async throws {
        try await withStore { store, path throws in
            let first = try await store.record([Drafts.draft()])
            let again = try await store.record([Drafts.draft(author: "bob", message: "again", at: 1_900_000_000)])
            guard case .recorded(let revision) = first.first, case .unchanged(let same) = again.first else {
                Issue.record("expected recorded then unchanged, got \(first) and \(again)")
                return
            }
            #expect(same == revision)
            await #expect(try store.revisions(of: Drafts.release, limit: 10, before: nil).map(\.number) == [1])
            #expect(try SQLiteShell.run(path, "SELECT revisionNumber, outcome, author FROM event ORDER BY id;")
                == "1|recorded|ada <ada@example.com>\n1|unchanged|bob")
        }
    }

    @Test func aChangedImageGivesANewRevision() async throws {
        try await withStore { store, _ throws in
            _ = try await store.record([Drafts.draft(image: "fluent-bit:3.1")])
            let outcome = try await #require(try store.record([Drafts.draft(image: "fluent-bit:3.2")]).first)
            #expect(outcome == .recorded(outcome.revision))
            #expect(outcome.revision.number == 2)
            #expect(outcome.revision.summary.images == ["fluent-bit:3.2"])
            #expect(outcome.revision.summary.maxUnavailable == "10%")
        }
    }

    @Test func goingBackToOlderContentIsANewRevisionAndNumbersAreNeverReused() async throws {
        try await withStore { store, path throws in
            let images = ["a:1", "a:2", "a:1", "a:1", "a:2"]
            var outcomes: [RecordOutcome] = []
            for image in images { outcomes += try await store.record([Drafts.draft(image: image)]) }
            #expect(outcomes.map(\.revision.number) == [1, 2, 3, 3, 4])
            #expect(throws: SQLiteShell.Failure.self) { try SQLiteShell.run(path, "DELETE FROM revision WHERE number = 4;") }
            await #expect(try store.record([Drafts.draft(image: "a:3")]).first?.revision.number == 5)
        }
    }

    @Test func aRollbackToTheLatestContentIsStillANewRevision() async throws {
        try await withStore { store, _ throws in
            _ = try await store.record([Drafts.draft()])
            let outcome = try await #require(try store.record([Drafts.draft(restoredFrom: 1)]).first)
            #expect(outcome == .recorded(outcome.revision))
            #expect(outcome.revision.number == 2)
            #expect(outcome.revision.metadata.restoredFrom == 1)
            #expect(outcome.revision.metadata.action == .rollback)
        }
    }

    @Test func twoReleasesNumberIndependently() async throws {
        try await withStore { store, _ throws in
            let other = ReleaseID(namespace: "kube-system", name: "agent")
            let outcomes = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(other, image: "a:1"),
                                             Drafts.draft(image: "a:2"), Drafts.draft(other, image: "a:2"),
                                             Drafts.draft(other, image: "a:3")])
            #expect(outcomes.map(\.revision.number) == [1, 1, 2, 2, 3])
            #expect(outcomes.map(\.revision.release) == [Drafts.release, other, Drafts.release, other, other])
        }
    }

    @Test func objectsAreStoredOnceByContent() async throws {
        try await withStore { store, path throws in
            _ = try await store.record([Drafts.draft(image: "a:1")])
            _ = try await store.record([Drafts.draft(image: "a:2")])
            _ = try await store.record([Drafts.draft(ReleaseID(namespace: "other", name: "agent"), image: "a:2")])
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE kind = 'ConfigMap';") == 1)
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE kind = 'Secret';") == 1)
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE kind = 'DaemonSet';") == 3)
            #expect(try SQLiteShell.count(path, "SELECT count(DISTINCT objectId) FROM revisionObject WHERE position = 0;") == 1)
        }
    }

    @Test func aBatchIsAllOrNothing() async throws {
        try await withStore { store, path throws in
            _ = try await store.record([Drafts.draft(image: "a:1")])
            var broken = Drafts.draft(ReleaseID(namespace: "other", name: "agent"), image: "b:1")
            // The same (secret, key) twice breaks the secretHash primary key, after the revision row went in.
            broken.secretHashes += broken.secretHashes
            let error = await #expect(throws: StoreError.self) {
                try await store.record([Drafts.draft(image: "a:2"), broken])
            }
            // SQLite's codes kept as values: SQLITE_CONSTRAINT (19), SQLITE_CONSTRAINT_PRIMARYKEY (1555).
            guard case .database(let location, let cause) = error else {
                Issue.record("expected a database error, got \(String(describing: error))")
                return
            }
            #expect(cause.code == .sqlite(primary: 19, extended: 1555))
            #expect(error?.description == "\(location): error: UNIQUE constraint failed: secretHash.revisionId, secretHash.secretName, secretHash.key")
            await #expect(try store.revisions(of: Drafts.release, limit: 10, before: nil).map(\.number) == [1])
            await #expect(try store.namespaces(ofReleaseNamed: "agent") == ["ops"])
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM revision;") == 1)
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM release;") == 1)
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE kind = 'DaemonSet';") == 1)
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM event;") == 1)
            await #expect(try store.record([Drafts.draft(image: "a:2")]).first?.revision.number == 2)
        }
    }

    @Test func draftsOfOneReleaseInOneBatchNumberInOrder() async throws {
        try await withStore { store, _ throws in
            let outcomes = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2")])
            #expect(outcomes.map(\.revision.number) == [1, 1, 2])
            #expect(outcomes[1] == .unchanged(outcomes[0].revision))
        }
    }

    @Test func recordsEventsWithTheirDetail() async throws {
        try await withStore { store, path throws in
            _ = try await store.record([Drafts.draft()])
            try await store.recordEvent(EventDraft(release: Drafts.release, kind: .apply, outcome: .failed, revision: 1,
                                             author: "ada", createdAt: Date(timeIntervalSince1970: 0),
                                             detail: ["context": "prod", "status": 409]))
            #expect(try SQLiteShell.run(path, "SELECT kind, outcome, revisionNumber, createdAt, detail FROM event ORDER BY id DESC LIMIT 1;")
                == #"apply|failed|1|1970-01-01T00:00:00.000Z|{"context":"prod","status":409}"#)
        }
    }
}
