import Foundation
import History
import Ledger
import PostgresNIO

extension PostgresRevisionStore {
    /// The head of every release's chain, sorted by release: its latest link (keyed, or the
    /// latest plain revision of an unkeyed release) and how many revisions and events it has.
    public func chainHeads() async throws(StoreError) -> [ChainHead] {
        try await run { connection in
            var releases: [(Int64, ReleaseID, Int, Int)] = []
            for try await (id, namespace, name, revisions, events) in try await connection.query("""
                SELECT r.id, r.namespace, r.name, (SELECT count(*) FROM revision WHERE release_id = r.id),
                    (SELECT count(*) FROM event WHERE release_id = r.id)
                FROM release r ORDER BY r.namespace, r.name
                """, logger: self.logger).decode((Int64, String, String, Int64, Int64).self) {
                releases.append((id, ReleaseID(namespace: namespace, name: name), Int(revisions), Int(events)))
            }
            var heads: [ChainHead] = []
            for (id, release, revisions, events) in releases {
                let rows = try await connection.query("""
                    SELECT \(unescaped: PostgresRows.revisionColumns) FROM revision WHERE release_id = \(id) ORDER BY number DESC LIMIT 1
                    """, logger: self.logger).collect()
                let latest = try rows.first.map { try PostgresRows.revision($0, release: release) }
                let link = try await self.linkHead(id: id, latest: latest, connection)
                heads.append(ChainHead(release: release, position: link.position, digest: ChainLinkText.hex(link.digest),
                                       revisions: revisions, events: events))
            }
            return heads
        }
    }

    /// The chain digest (lowercase hex) of a release's link at `position`, nil when the release
    /// has no such link. The plain revision at position n of an unkeyed prefix is revision n.
    public func linkDigest(of release: ReleaseID, at position: Int) async throws(StoreError) -> String? {
        let at = Int32(clamping: position)
        return try await run { connection in
            let rows = try await connection.query("""
                WITH r AS (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                SELECT chain_digest FROM revision WHERE release_id = (SELECT id FROM r) AND position = \(at)
                UNION ALL SELECT chain_digest FROM event WHERE release_id = (SELECT id FROM r) AND position = \(at)
                UNION ALL SELECT chain_digest FROM revision WHERE release_id = (SELECT id FROM r) AND number = \(at) AND position IS NULL
                LIMIT 1
                """, logger: self.logger)
            for try await digest in rows.decode(Data.self) { return ChainLinkText.hex(DigestColumn.text(digest)) }
            return nil
        }
    }

    /// Checks a release's chain up to revision `number`'s link, from the rows alone (object
    /// bodies are not read): see ``RevisionStore/verifyChain(of:upTo:chainKey:)``.
    public func verifyChain(of release: ReleaseID, upTo number: Int, chainKey: ChainKey?) async throws(StoreError) -> ChainVerdict {
        let upTo = Int32(clamping: number)
        return try await run { connection in
            let ids = try await connection.query("""
                SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name)
                """, logger: self.logger).collect()
            guard let id = try ids.first?.decode(Int64.self) else { return ChainVerifier.absent(release, number: number) }
            var objects: [Int32: [Data]] = [:]
            for try await (revision, digest) in try await connection.query("""
                SELECT number, object_digest FROM revision_object WHERE release_id = \(id) AND number <= \(upTo) ORDER BY number, position
                """, logger: self.logger).decode((Int32, Data).self) {
                objects[revision, default: []].append(digest)
            }
            let rows = try await connection.query("""
                SELECT \(unescaped: PostgresRows.revisionColumns) FROM revision WHERE release_id = \(id) AND number <= \(upTo) ORDER BY number
                """, logger: self.logger).collect()
            let revisions = try rows.map { row in
                let revision = try PostgresRows.revision(row, release: release)
                let spec = try row.makeRandomAccess()["spec_digest"].decode(Data.self)
                let digests = ([spec] + (objects[Int32(revision.number)] ?? [])).map(DigestColumn.text)
                return ChainVerifier.rowsOnly(revision, objectDigests: digests)
            }
            let events = try await self.chainEvents(release, id: id, connection)
            return ChainVerifier.verdict(release, upTo: number, revisions: revisions, events: events, key: chainKey)
        }
    }

    /// A release's events in the order written.
    func chainEvents(_ release: ReleaseID, id: Int64, _ connection: PostgresConnection) async throws -> [Event] {
        let rows = try await connection.query("""
            SELECT \(unescaped: PostgresRows.eventColumns) FROM event WHERE release_id = \(id) ORDER BY id
            """, logger: logger).collect()
        return try rows.map { try PostgresRows.event($0, release: release) }
    }
}
