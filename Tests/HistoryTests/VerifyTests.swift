import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

@Suite struct VerifyTests {
    /// Damage done to revision 2 of 3 with the sqlite3 tool, behind dsledger's back.
    enum Tamper: String, CaseIterable, Sendable {
        case objectBody, deltaBody, deletedObject, swappedObject, author, message, createdAt, action, image, maxUnavailable
        case contentDigest, secretHash, deletedSecretHash, extraSecretHash, deletedRevision

        static let revision2 = "(SELECT id FROM revision WHERE number = 2)"
        static let daemonSet2 = "(SELECT objectId FROM revisionObject WHERE revisionId = \(revision2) AND position = 2)"

        var sql: String {
            switch self {
            case .objectBody:
                #"UPDATE object SET baseId = NULL, depth = 0, encoding = 0, body = CAST('{"evil":6}' AS BLOB) WHERE id = \#(Self.daemonSet2);"#
            case .deltaBody:
                "UPDATE object SET body = CAST(replace(CAST(body AS TEXT), 'a:2', 'evil:6') AS BLOB) WHERE id = \(Self.daemonSet2) AND encoding = 2;"
            case .deletedObject: "DELETE FROM object WHERE id = \(Self.daemonSet2);"
            case .swappedObject:
                "UPDATE revisionObject SET objectId = (SELECT objectId FROM revisionObject WHERE revisionId = 1 AND position = 2) "
                    + "WHERE revisionId = \(Self.revision2) AND position = 2;"
            case .author: "UPDATE revision SET author = 'mallory' WHERE number = 2;"
            case .message: "UPDATE revision SET message = 'nothing to see' WHERE number = 2;"
            case .createdAt: "UPDATE revision SET createdAt = '2020-01-01T00:00:00.000Z' WHERE number = 2;"
            case .action: "UPDATE revision SET action = 'import' WHERE number = 2;"
            case .image: #"UPDATE revision SET images = '["evil:6"]' WHERE number = 2;"#
            case .maxUnavailable: "UPDATE revision SET maxUnavailable = '100%' WHERE number = 2;"
            case .contentDigest: "UPDATE revision SET contentDigest = X'00' WHERE number = 2;"
            case .secretHash: "UPDATE secretHash SET hmac = '\(String(repeating: "0", count: 64))' WHERE revisionId = \(Self.revision2);"
            case .deletedSecretHash: "DELETE FROM secretHash WHERE revisionId = \(Self.revision2);"
            case .extraSecretHash: "INSERT INTO secretHash VALUES (\(Self.revision2), 'agent-env-secrets', 'NEW', 'ab');"
            case .deletedRevision:
                "DELETE FROM revisionObject WHERE revisionId = \(Self.revision2); DELETE FROM secretHash WHERE revisionId = \(Self.revision2); "
                    + "DELETE FROM revision WHERE number = 2;"
            }
        }
    }

    static func recordThree(_ store: SQLiteRevisionStore) async throws {
        _ = try await store.record((1...3).map { Drafts.draft(image: "a:\($0)", secrets: ["TOKEN": "t\($0)"], at: 1_793_614_443 + Double($0)) })
    }

    @Test func aFreshStoreIsIntact() async throws {
        try await withStore { store, _ throws in
            await #expect(try store.verify() == [])
            try await Self.recordThree(store)
            _ = try await store.record([Drafts.draft(ReleaseID(namespace: "other", name: "agent")), Drafts.draft(restoredFrom: 1)])
            await #expect(try store.verify() == [])
        }
    }

    @Test(arguments: Tamper.allCases)
    func namesTheRevisionWhoseRowsWereChanged(tamper: Tamper) async throws {
        try await withStore { store, path throws in
            try await Self.recordThree(store)
            _ = try await store.record([Drafts.draft(ReleaseID(namespace: "untouched", name: "agent"))])
            try SQLiteShell.run(path, SQLiteShell.dropTriggers + tamper.sql)
            let problems = try await store.verify()
            #expect(problems.map(\.release) == [Drafts.release], "\(problems)")
            #expect(problems.map(\.revision) == [2], "\(problems)")
        }
    }

    @Test func describesTheProblemWithReleaseAndRevision() async throws {
        try await withStore { store, path throws in
            try await Self.recordThree(store)
            try SQLiteShell.run(path, SQLiteShell.dropTriggers + Tamper.author.sql)
            await #expect(try store.verify().map(\.description)
                == ["ops/agent revision 2: link digest mismatch: its fields, or the link before it, were changed"])
        }
    }

    @Test func aDeletedRevisionIsNamedAsMissing() async throws {
        try await withStore { store, path throws in
            try await Self.recordThree(store)
            try SQLiteShell.run(path, SQLiteShell.dropTriggers + Tamper.deletedRevision.sql)
            await #expect(try store.verify().map(\.description) == ["ops/agent revision 2: missing: the numbering jumps from 1 to 3"])
        }
    }

    @Test func aSecretWrittenAsStringDataVerifies() async throws {
        try await withStore { store, _ throws in
            let secret: JSONValue = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "plain", "namespace": "ops"],
                                     "stringData": ["password": "hunter2"], "data": ["token": "dDBrZW4="]]
            let draft = RevisionDraft.sealing(release: Drafts.release, document: ["kind": "KubernetesDaemonSet"], secretPaths: [],
                                              objects: [secret, Drafts.daemonSet(Drafts.release, image: "a:1")],
                                              metadata: Drafts.draft().metadata, key: Drafts.key)
            _ = try await store.record([draft])
            await #expect(try store.secretHashes(of: Drafts.release, number: 1).map(\.key) == ["password", "token"])
            await #expect(try store.verify() == [])
        }
    }

    @Test func theAppendOnlyTriggersStopAccidentalEdits() async throws {
        try await withStore { store, path throws in
            try await Self.recordThree(store)
            for sql in [Tamper.author.sql, Tamper.objectBody.sql, Tamper.secretHash.sql, "DELETE FROM revision WHERE number = 3;"] {
                #expect(throws: SQLiteShell.Failure.self) { try SQLiteShell.run(path, sql) }
            }
            await #expect(try store.verify() == [])
        }
    }
}
