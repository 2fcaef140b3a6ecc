internal import GRDB
import Foundation
import Ledger

// Stand-in until the keyed chain over revisions and events lands: a release's links are its
// revisions (position n is revision n, its digest the revision's chain digest, without the
// `sha256:` prefix), and its events are counted.
extension SQLiteRevisionStore {
    public func chainHeads() async throws(StoreError) -> [ChainHead] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT release.namespace, release.name,
                    (SELECT count(*) FROM revision WHERE revision.releaseId = release.id) AS revisions,
                    (SELECT count(*) FROM event WHERE event.releaseId = release.id) AS events,
                    (SELECT chainDigest FROM revision WHERE revision.releaseId = release.id
                        ORDER BY number DESC LIMIT 1) AS chainDigest
                FROM release ORDER BY namespace, name
                """).map { row in
                let revisions: Int = row["revisions"]
                return ChainHead(release: ReleaseID(namespace: row["namespace"], name: row["name"]), position: revisions,
                                 digest: revisions == 0 ? "" : Self.hexDigest(row.digest("chainDigest")),
                                 revisions: revisions, events: row["events"])
            }
        }
    }

    public func linkDigest(of release: ReleaseID, at position: Int) async throws(StoreError) -> String? {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db),
                  let row = try Row.fetchOne(db, sql: "SELECT chainDigest FROM revision WHERE releaseId = ? AND number = ?",
                                             arguments: [releaseID, position])
            else { return nil }
            return Self.hexDigest(row.digest("chainDigest"))
        }
    }

    private static func hexDigest(_ digest: String) -> String {
        digest.hasPrefix("sha256:") ? String(digest.dropFirst("sha256:".count)) : digest
    }
}
