import Foundation
import History
import Ledger
import NIOCore
import ObjectModel
import PostgresNIO

extension PostgresRevisionStore {
    /// Records revisions and events in order, in one transaction that locks the row of each
    /// release it records (in name order, so two batches never wait on each other in a
    /// circle). The rules are ``RecordPlanner``'s; this reads what the plan needs and writes
    /// what it says, in multi-row statements. Every time is the server's `now()`.
    public func record(entries: [LedgerEntry], chainKey: ChainKey) async throws(StoreError) -> [RecordOutcome?] {
        if let readOnly { throw readOnly }
        let encoded = BatchEncoding.encode(entries)
        let releases = Set(entries.map(\.release)).sorted()
        let location = location
        return try await transaction { connection in
            var ids: [ReleaseID: Int64] = [:]
            var heads: [ReleaseID: ReleaseHead] = [:]
            for release in releases {
                let id = try await self.lockRelease(release, connection)
                ids[release] = id
                heads[release] = try await self.head(of: release, id: id, connection)
            }
            let now = try await connection.query("SELECT now()", logger: self.logger).collect().first?.decode(Date.self) ?? Date()
            var stored: [Data: PlannedObjectState] = [:]
            let lookUp = RecordPlanner.digestsToLookUp(encoded, heads: heads).map { ByteBuffer(bytes: $0) }
            if !lookUp.isEmpty {
                let query: PostgresQuery = "SELECT digest, depth FROM object WHERE digest = ANY(\(lookUp))"
                for try await (digest, depth) in try await connection.query(query, logger: self.logger).decode((Data, Int32).self) {
                    stored[digest] = PlannedObjectState(digest: digest, depth: Int(depth))
                }
            }
            let needed = Array(RecordPlanner.basesToRead(for: encoded, heads: heads, stored: stored))
            let bases = try await self.objects.values(needed, connection: connection, logger: self.logger, location: location)
            var planner = RecordPlanner(heads: heads, stored: stored, baseValues: bases, now: now, location: location, chainKey: chainKey)
            let plan = try planner.plan(encoded)
            try await PostgresWriter(ids: ids, logger: self.logger).write(plan.writes, connection)
            return plan.outcomes
        }
    }

    /// The release's id, its row created when new and locked until the transaction ends.
    private func lockRelease(_ release: ReleaseID, _ connection: PostgresConnection) async throws -> Int64 {
        try await connection.query("""
            INSERT INTO release (namespace, name) VALUES (\(release.namespace), \(release.name)) ON CONFLICT (namespace, name) DO NOTHING
            """, logger: logger)
        let rows = try await connection.query("""
            SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name) FOR UPDATE
            """, logger: logger).collect()
        guard let id = try rows.first?.decode(Int64.self) else {
            throw StoreError.corrupt(location: location, detail: "release \(release) vanished")
        }
        return id
    }

    /// The release's latest revision and that revision's objects, and its chain's latest link.
    private func head(of release: ReleaseID, id: Int64, _ connection: PostgresConnection) async throws -> ReleaseHead {
        let rows = try await connection.query("""
            SELECT \(unescaped: PostgresRows.revisionColumns) FROM revision WHERE release_id = \(id) ORDER BY number DESC LIMIT 1
            """, logger: logger).collect()
        let latest = try rows.first.map { try PostgresRows.revision($0, release: release) }
        var head = ReleaseHead(latest: latest, spec: nil, objects: [:], link: try await linkHead(id: id, latest: latest, connection))
        guard let row = rows.first, let latest else { return head }
        let objects = try await connection.query("""
            SELECT o.digest, o.depth, o.api_version, o.kind, o.namespace, o.name, ro.position
            FROM object o LEFT JOIN revision_object ro ON ro.object_digest = o.digest AND ro.release_id = \(id) AND ro.number = \(latest.number)
            WHERE o.digest = (SELECT spec_digest FROM revision WHERE release_id = \(id) AND number = \(latest.number)) OR ro.position IS NOT NULL
            """, logger: logger)
        let spec = try row.makeRandomAccess()["spec_digest"].decode(Data.self)
        for try await (digest, depth, apiVersion, kind, namespace, name, position) in objects
            .decode((Data, Int32, String, String, String?, String, Int32?).self) {
            let state = PlannedObjectState(digest: digest, depth: Int(depth))
            if digest == spec { head.spec = state }
            if position != nil {
                head.objects[ObjectIdentity(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name)] = state
            }
        }
        return head
    }
}

/// Writes a plan in as few statements as it can: objects, revisions, their object lists and
/// secret hashes, then events, each as multi-row inserts.
struct PostgresWriter {
    let ids: [ReleaseID: Int64]
    let logger: Logger

    /// Rows per statement, below PostgreSQL's limit of 65,535 parameters.
    private static let parameterBudget = 60_000

    func write(_ writes: [PlannedWrite], _ connection: PostgresConnection) async throws {
        var revisions: [[Bindable]] = []
        var links: [[Bindable]] = []
        var hashes: [[Bindable]] = []
        var events: [[Bindable]] = []
        var objectRows: [[Bindable]] = []
        for write in writes {
            switch write {
            case .object(let object):
                objectRows.append([object.digest, object.identity.apiVersion, object.identity.kind, object.identity.namespace,
                                   object.identity.name, object.baseDigest, Int32(object.depth), Int16(object.encoding), object.body])
            case .revision(let planned):
                let revision = planned.revision
                let release = ids[revision.release] ?? 0
                let number = Int32(revision.number)
                revisions.append(PostgresRows.revisionValues(planned, releaseID: release))
                for (position, digest) in planned.objectDigests.enumerated() {
                    links.append([release, number, Int32(position), digest])
                }
                for hash in planned.secretHashes {
                    hashes.append([release, number, hash.secret, hash.key, hash.hmac])
                }
            case .event(let event):
                events.append(PostgresRows.eventValues(event, releaseID: ids[event.event.release] ?? 0))
            }
        }
        try await insert("object (digest, api_version, kind, namespace, name, base_digest, depth, encoding, body)", objectRows,
                         suffix: "ON CONFLICT (digest) DO NOTHING", connection)
        try await insert("revision (\(PostgresRows.revisionInsertColumns))", revisions, connection)
        try await insert("revision_object (release_id, number, position, object_digest)", links, connection)
        try await insert("secret_hash (release_id, number, secret_name, key, hmac)", hashes, connection)
        try await insert("event (\(PostgresRows.eventInsertColumns))", events, connection)
    }

    private func insert(_ table: String, _ rows: [[Bindable]], suffix: String = "",
                        _ connection: PostgresConnection) async throws {
        guard let width = rows.first?.count else { return }
        let perStatement = max(1, Self.parameterBudget / width)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var bindings = PostgresBindings(capacity: chunk.count * width)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            var index = 0
            for row in chunk {
                var marks: [String] = []
                for value in row {
                    index += 1
                    marks.append("$\(index)")
                    if let value { try bindings.append(value) } else { bindings.appendNull() }
                }
                tuples.append("(" + marks.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(table) VALUES \(tuples.joined(separator: ", ")) \(suffix)"
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            start += perStatement
        }
    }
}

extension PostgresRevisionStore {
    /// The release's latest link: the keyed link of highest position in either table, else its
    /// latest plain revision.
    func linkHead(id: Int64, latest: Revision?, _ connection: PostgresConnection) async throws -> LinkHead {
        let rows = try await connection.query("""
            (SELECT position, chain_digest FROM revision WHERE release_id = \(id) AND position IS NOT NULL ORDER BY position DESC LIMIT 1)
            UNION ALL
            (SELECT position, chain_digest FROM event WHERE release_id = \(id) AND position IS NOT NULL ORDER BY position DESC LIMIT 1)
            ORDER BY position DESC LIMIT 1
            """, logger: logger)
        for try await (position, digest) in rows.decode((Int32, Data).self) {
            return LinkHead(position: Int(position), digest: DigestColumn.text(digest), keyed: true)
        }
        return LinkHead(latest: latest)
    }
}
