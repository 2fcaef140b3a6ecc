import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

extension OldSchemaSeeds {
    /// Schema 3: revisions gained origin and partial, events origin; an imported revision 2
    /// (from git) and a skipped import event on top of schema 2's data.
    static func schema3(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema2(path: path)
        var draft = Drafts.draft(image: "fluent-bit:3.2")
        draft.metadata = RevisionMetadata(action: .import, author: "Bob <bob@example.com>", message: "bump", sourceFile: "agent.yaml",
                                          toolVersion: "0.1.0", createdAt: Date(timeIntervalSince1970: 1_793_700_000),
                                          origin: "git:0123456789abcdef0123456789abcdef01234567")
        let previous = try SQLiteShell.run(path, "SELECT chainDigest FROM revision WHERE number = 1;")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let content = draft.contentDigest
        let chain = Digests.chain(previous: previous, release: draft.release, number: 2, contentDigest: content,
                                  metadata: draft.metadata, summary: draft.summary)
        let q = SQLiteShell.quote
        var sql = "BEGIN;\n"
        sql += objectRows([draft.spec] + draft.objects)
        let m = draft.metadata, s = draft.summary
        sql += """
            INSERT INTO revision (id, releaseId, number, action, specDigest, strategyType, maxUnavailable, maxSurge,
                minReadySeconds, images, author, message, sourceFile, toolVersion, createdAt, restoredFrom, contentDigest,
                chainDigest, origin, partial)
            VALUES (2, 1, 2, 'import', \(q(draft.spec.contentDigest)), \(q(s.strategyType)), \(q(s.maxUnavailable)),
                \(q(s.maxSurge)), NULL, \(q(CanonicalJSON.compact(.array(s.images.map { .string($0) })))), \(q(m.author)),
                \(q(m.message)), \(q(m.sourceFile)), \(q(m.toolVersion)), \(q(Timestamp.format(m.createdAt))), NULL,
                \(q(content)), \(q(chain)), \(q(m.origin)), 0);

            """
        for (position, object) in draft.objects.enumerated() {
            sql += "INSERT INTO revisionObject VALUES (2, \(position), \(q(object.contentDigest)));\n"
        }
        for hash in draft.secretHashes {
            sql += "INSERT INTO secretHash VALUES (2, \(q(hash.secret)), \(q(hash.key)), \(q(hash.hmac)));\n"
        }
        sql += """
            INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, detail, origin)
            VALUES (1, NULL, 'import', 'skipped', 'Bob', '2026-11-02T10:15:00.000Z', '{"error":"invalid"}', 'git:fedcba');
            COMMIT;
            """
        try SQLiteShell.run(path, sql)
        return { store in
            try await check(store)
            let revision = try await #require(try store.revision(of: draft.release, number: 2))
            #expect(revision.metadata == draft.metadata)
            #expect(revision.chainDigest == chain)
            await #expect(try store.origins(of: draft.release, prefix: "git:")
                    == ["git:0123456789abcdef0123456789abcdef01234567", "git:fedcba"])
        }
    }
}
