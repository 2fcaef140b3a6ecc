import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

extension OldSchemaSeeds {
    /// Schema 4: integer object ids, raw-byte digests and compact bodies. Two revisions written
    /// with raw SQL: revision 1 with whole bodies (encoding 0), revision 2 with its DaemonSet and
    /// manifest as deltas against revision 1's (encoding 2).
    static func schema4(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let drafts = [Drafts.draft(image: "fluent-bit:3.1", at: 1_793_700_000), Drafts.draft(image: "fluent-bit:3.2", at: 1_793_700_060)]
        var chains: [String] = []
        var sql = "BEGIN;\nINSERT INTO release (id, namespace, name) VALUES (1, 'ops', 'agent');\n"
        var ids: [String: Int] = [:]
        var previousByIdentity: [String: (id: Int, value: JSONValue)] = [:]
        func store(_ object: JSONValue, identity: String) -> Int {
            let digest = object.contentDigest
            if let id = ids[digest] { return id }
            let id = ids.count + 1
            ids[digest] = id
            let columns = "\(hex(digest)), \(q(object["apiVersion"]?.stringValue ?? object["api_version"]?.stringValue ?? "")), "
                + "\(q(object["kind"]?.stringValue ?? "")), \(q(object.value(atMemberPath: "metadata.namespace")?.stringValue)), "
                + "\(q(object.value(atMemberPath: "metadata.name")?.stringValue ?? ""))"
            if let base = previousByIdentity[identity] {
                let delta = CanonicalJSON.compactBytes(JSONDelta.operations(from: base.value, to: object))
                sql += "INSERT INTO object VALUES (\(id), \(columns), \(base.id), 1, 2, X'\(ContentDigest.hex(delta))');\n"
            } else {
                sql += "INSERT INTO object VALUES (\(id), \(columns), NULL, 0, 0, CAST(\(q(CanonicalJSON.compact(object))) AS BLOB));\n"
            }
            previousByIdentity[identity] = (id, object)
            return id
        }
        for (index, draft) in drafts.enumerated() {
            let number = index + 1
            let chain = Digests.chain(previous: chains.last, release: draft.release, number: number, contentDigest: draft.contentDigest,
                                      metadata: draft.metadata, summary: draft.summary)
            chains.append(chain)
            let spec = store(draft.spec, identity: "spec")
            let m = draft.metadata, s = draft.summary
            sql += """
                INSERT INTO revision (id, releaseId, number, action, specObjectId, strategyType, maxUnavailable, maxSurge,
                    minReadySeconds, images, author, message, sourceFile, toolVersion, createdAt, restoredFrom, contentDigest,
                    chainDigest, origin, partial)
                VALUES (\(number), 1, \(number), \(q(m.action.rawValue)), \(spec), \(q(s.strategyType)), \(q(s.maxUnavailable)),
                    \(q(s.maxSurge)), NULL, \(q(CanonicalJSON.compact(.array(s.images.map { .string($0) })))), \(q(m.author)),
                    \(q(m.message)), \(q(m.sourceFile)), \(q(m.toolVersion)), \(q(Timestamp.format(m.createdAt))), NULL,
                    \(hex(draft.contentDigest)), \(hex(chain)), NULL, 0);

                """
            for (position, object) in draft.objects.enumerated() {
                let id = store(object, identity: "\(object["kind"]?.stringValue ?? "")/\(object.value(atMemberPath: "metadata.name")?.stringValue ?? "")")
                sql += "INSERT INTO revisionObject VALUES (\(number), \(position), \(id));\n"
            }
            for hash in draft.secretHashes {
                sql += "INSERT INTO secretHash VALUES (\(number), \(q(hash.secret)), \(q(hash.key)), \(q(hash.hmac)));\n"
            }
        }
        try SQLiteShell.run(path, sql + "COMMIT;\n")
        #expect(try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE encoding = 2;") == 2)

        return { store in
            for (index, draft) in drafts.enumerated() {
                let revision = try await #require(try store.revision(of: draft.release, number: index + 1))
                #expect(revision.metadata == draft.metadata)
                #expect(revision.contentDigest == draft.contentDigest && revision.chainDigest == chains[index])
                await #expect(try store.objects(of: draft.release, number: index + 1) == draft.objects)
                await #expect(try store.spec(of: draft.release, number: index + 1) == draft.spec)
            }
        }
    }

    private static func q(_ value: String?) -> String { SQLiteShell.quote(value) }

    /// A raw-byte digest as an SQL blob literal.
    private static func hex(_ digest: String) -> String { "X'\(digest.dropFirst("sha256:".count))'" }
}
