internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    /// The head of every release's chain, sorted by release: its latest link (keyed, or the
    /// latest plain revision of an unkeyed release) and how many revisions and events it has.
    public func chainHeads() async throws(StoreError) -> [ChainHead] {
        try await read { db in
            let releases = try Row.fetchAll(db, sql: """
                SELECT id, namespace, name,
                    (SELECT count(*) FROM revision WHERE releaseId = release.id) AS revisions,
                    (SELECT count(*) FROM event WHERE releaseId = release.id) AS events
                FROM release ORDER BY namespace, name
                """)
            return try releases.map { row in
                let release = ReleaseID(namespace: row["namespace"], name: row["name"])
                let latest = try Row.fetchOne(db, sql: "SELECT * FROM revision WHERE releaseId = ? ORDER BY number DESC LIMIT 1",
                                              arguments: [row["id"] as Int64]).map { try Self.revision(from: $0, release: release) }
                let link = try Self.linkHead(releaseID: row["id"], latest: latest, in: db)
                return ChainHead(release: release, position: link.position, digest: ChainLinkText.hex(link.digest),
                                 revisions: row["revisions"], events: row["events"])
            }
        }
    }

    /// The chain digest (lowercase hex) of a release's link at `position`, nil when the release
    /// has no such link. The plain revision at position n of an unkeyed prefix is revision n.
    public func linkDigest(of release: ReleaseID, at position: Int) async throws(StoreError) -> String? {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return nil }
            let row = try Row.fetchOne(db, sql: """
                SELECT chainDigest FROM revision WHERE releaseId = ?1 AND position = ?2
                UNION ALL SELECT chainDigest FROM event WHERE releaseId = ?1 AND position = ?2
                UNION ALL SELECT chainDigest FROM revision WHERE releaseId = ?1 AND number = ?2 AND position IS NULL
                LIMIT 1
                """, arguments: [releaseID, position])
            return row.map { ChainLinkText.hex($0.digest("chainDigest")) }
        }
    }

    /// Checks a release's chain up to revision `number`'s link, from the rows alone (object
    /// bodies are not read): see ``RevisionStore/verifyChain(of:upTo:chainKey:)``.
    public func verifyChain(of release: ReleaseID, upTo number: Int, chainKey: ChainKey?) async throws(StoreError) -> ChainVerdict {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return ChainVerifier.absent(release, number: number) }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM revision WHERE releaseId = ? AND number <= ? ORDER BY number",
                                        arguments: [releaseID, number])
            var revisions: [VerifiableRevision] = []
            for row in rows {
                let specID: Int64 = row["specObjectId"]
                let digests = try Row.fetchAll(db, sql: """
                    SELECT object.digest FROM object WHERE id = ?1
                    UNION ALL SELECT * FROM (SELECT object.digest FROM revisionObject JOIN object ON object.id = revisionObject.objectId
                        WHERE revisionObject.revisionId = ?2 ORDER BY revisionObject.position)
                    """, arguments: [specID, row["id"] as Int64]).map { $0.digest("digest") }
                revisions.append(ChainVerifier.rowsOnly(try Self.revision(from: row, release: release), objectDigests: digests))
            }
            let events = try Self.chainEvents(releaseID: releaseID, release: release, in: db)
            return ChainVerifier.verdict(release, upTo: number, revisions: revisions, events: events, key: chainKey)
        }
    }
}
