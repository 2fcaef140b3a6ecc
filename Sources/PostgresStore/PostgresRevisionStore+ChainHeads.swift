import Foundation
import Ledger
import ObjectModel
import PostgresNIO

// Stand-in until the keyed chain over revisions and events lands: a release's links are its
// revisions (position n is revision n, its digest the revision's chain digest in hex), and its
// events are counted.
extension PostgresRevisionStore {
    public func chainHeads() async throws(StoreError) -> [ChainHead] {
        try await run { connection in
            var heads: [ChainHead] = []
            for try await (namespace, name, revisions, events, digest) in try await connection.query("""
                SELECT r.namespace, r.name,
                    (SELECT count(*) FROM revision v WHERE v.release_id = r.id),
                    (SELECT count(*) FROM event e WHERE e.release_id = r.id),
                    (SELECT chain_digest FROM revision v WHERE v.release_id = r.id ORDER BY number DESC LIMIT 1)
                FROM release r ORDER BY r.namespace, r.name
                """, logger: self.logger).decode((String, String, Int64, Int64, Data?).self) {
                heads.append(ChainHead(release: ReleaseID(namespace: namespace, name: name), position: Int(revisions),
                                       digest: digest.map { ContentDigest.hex($0) } ?? "", revisions: Int(revisions), events: Int(events)))
            }
            return heads
        }
    }

    public func linkDigest(of release: ReleaseID, at position: Int) async throws(StoreError) -> String? {
        try await run { connection in
            let rows = try await connection.query("""
                SELECT chain_digest FROM revision
                WHERE release_id = (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                    AND number = \(Int32(clamping: position))
                """, logger: self.logger).collect()
            guard let digest = try rows.first?.decode(Data.self) else { return nil }
            return ContentDigest.hex(digest)
        }
    }
}
