import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// Data written in the shape of each schema version with raw SQL, as the dsledger of that
/// version stored it, and the check that today's store still reads it whole.
///
/// Every migration needs an entry: the upgrade test fails for a version without one.
enum OldSchemaSeeds {
    typealias Seed = (_ path: String) throws -> (SQLiteRevisionStore) async throws -> Void

    static var all: [String: Seed] { ["0001_create_ledger": schema1, "0002_event_cluster_context": schema2, "0003_revision_origin": schema3,
                                         "0004_compact_objects": schema4, "0005_settings": schema5, "0006_source_time": schema6,
                                         "0007_chain_links": schema7, "0008_change_records": schema8,
                                         "0009_history_search": schema9, "0010_lint_findings": schema10] }

    /// `object` rows (unchanged since schema 1) for `objects`, as raw SQL.
    static func objectRows(_ objects: [JSONValue]) -> String {
        let q = SQLiteShell.quote
        return objects.map { object in
            """
            INSERT OR IGNORE INTO object (digest, apiVersion, kind, namespace, name, body) VALUES (\(q(object.contentDigest)),
            \(q(object["apiVersion"]?.stringValue ?? "")), \(q(object["kind"]?.stringValue ?? "")),
            \(q(object.value(atMemberPath: "metadata.namespace")?.stringValue)),
            \(q(object.value(atMemberPath: "metadata.name")?.stringValue ?? "")), \(q(CanonicalJSON.compact(object))));

            """
        }.joined()
    }

    /// Schema 1: release, content-addressed object, revision with its objects, secret hashes and events.
    static func schema1(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let draft = Drafts.draft(secrets: ["TOKEN": "t0ken", "API_KEY": "k3y"])
        let content = draft.contentDigest
        let chain = Digests.chain(previous: nil, release: draft.release, number: 1, contentDigest: content,
                                  metadata: draft.metadata, summary: draft.summary)
        let q = SQLiteShell.quote
        var sql = "BEGIN;\nINSERT INTO release (id, namespace, name) VALUES (1, 'ops', 'agent');\n"
        sql += objectRows([draft.spec] + draft.objects)
        let m = draft.metadata, s = draft.summary
        sql += """
            INSERT INTO revision (id, releaseId, number, action, specDigest, strategyType, maxUnavailable, maxSurge,
                minReadySeconds, images, author, message, sourceFile, toolVersion, createdAt, restoredFrom, contentDigest, chainDigest)
            VALUES (1, 1, 1, \(q(m.action.rawValue)), \(q(draft.spec.contentDigest)), \(q(s.strategyType)), \(q(s.maxUnavailable)),
                \(q(s.maxSurge)), NULL, \(q(CanonicalJSON.compact(.array(s.images.map { .string($0) })))), \(q(m.author)),
                \(q(m.message)), \(q(m.sourceFile)), \(q(m.toolVersion)), \(q(Timestamp.format(m.createdAt))), NULL,
                \(q(content)), \(q(chain)));

            """
        for (position, object) in draft.objects.enumerated() {
            sql += "INSERT INTO revisionObject VALUES (1, \(position), \(q(object.contentDigest)));\n"
        }
        for hash in draft.secretHashes {
            sql += "INSERT INTO secretHash VALUES (1, \(q(hash.secret)), \(q(hash.key)), \(q(hash.hmac)));\n"
        }
        sql += """
            INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt)
            VALUES (1, 1, 'render', 'recorded', \(q(m.author)), \(q(Timestamp.format(m.createdAt))));
            COMMIT;
            """
        try SQLiteShell.run(path, sql)

        return { store in
            let revision = try await #require(try store.revision(of: draft.release, number: 1))
            #expect(revision.metadata == draft.metadata)
            #expect(revision.summary == draft.summary)
            #expect(revision.contentDigest == content && revision.chainDigest == chain)
            await #expect(try store.objects(of: draft.release, number: 1) == draft.objects)
            await #expect(try store.spec(of: draft.release, number: 1) == draft.spec)
            await #expect(try store.secretHashes(of: draft.release, number: 1) == draft.secretHashes.sorted { ($0.secret, $0.key) < ($1.secret, $1.key) })
            await #expect(try store.namespaces(ofReleaseNamed: "agent") == ["ops"])
            #expect(try SQLiteShell.count(store.path, "SELECT count(*) FROM event WHERE kind = 'render';") == 1)
        }
    }

    /// Schema 2: events gained context and server columns; an apply event to a context.
    static func schema2(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema1(path: path)
        try SQLiteShell.run(path, """
            INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, detail, context, server)
            VALUES (1, 1, 'apply', 'succeeded', 'ada', '2026-11-02T10:14:03.000Z', '{"objects":3}', 'prod', 'https://10.0.0.1:6443');
            """)
        return { store in
            try await check(store)
            await #expect(try store.lastApplied(of: ReleaseID(namespace: "ops", name: "agent"),
                                                      cluster: ClusterTarget(context: "prod", server: "https://10.0.0.1:6443")) == 1)
            let events = try await store.events(of: ReleaseID(namespace: "ops", name: "agent"), kinds: [.apply], limit: 5)
            #expect(events.first?.draft.cluster == ClusterTarget(context: "prod", server: "https://10.0.0.1:6443"))
            #expect(try SQLiteShell.count(store.path, "SELECT count(*) FROM revision;") >= 1, "schema 3 seeds a second one")
        }
    }
}
