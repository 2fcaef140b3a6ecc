import Foundation
import History
import Ledger
import Logging
import ObjectModel
import PostgresNIO

extension PostgresRevisionStore {
    /// Every stored object's digest, each release's numbering and chain, and every secret hash
    /// against the markers in its revision's Secrets: ``ChainVerifier``'s rules, on rows read
    /// in one repeatable-read transaction (a consistent picture while others write). Reads only,
    /// so a read-only role can run it.
    public func verify(chainKey: ChainKey?) async throws(StoreError) -> LedgerVerification {
        try await run { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            do {
                let problems = try await self.verifyAll(connection, chainKey: chainKey)
                try await connection.query("ROLLBACK", logger: self.logger)
                return problems
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    private func verifyAll(_ connection: PostgresConnection, chainKey: ChainKey?) async throws -> LedgerVerification {
        do {
            let objects = try await StoredObjectCheck.read(connection, logger: self.logger)
            var verdicts: [ChainVerdict] = []
            var releases: [(Int64, ReleaseID)] = []
            for try await (id, namespace, name) in try await connection.query(
                "SELECT id, namespace, name FROM release ORDER BY namespace, name", logger: self.logger).decode((Int64, String, String).self) {
                releases.append((id, ReleaseID(namespace: namespace, name: name)))
            }
            for (id, release) in releases {
                let revisions = try await self.verifiable(release, id: id, objects: objects, connection)
                let events = try await self.chainEvents(release, id: id, connection)
                verdicts.append(ChainVerifier.verdict(release, revisions: revisions, events: events, key: chainKey))
            }
            return LedgerVerification(releases: verdicts, problems: [], linksChecked: chainKey != nil)
        }
    }

    private func verifiable(_ release: ReleaseID, id: Int64, objects: StoredObjectCheck,
                            _ connection: PostgresConnection) async throws -> [VerifiableRevision] {
        var links: [Int32: [Data]] = [:]
        for try await (number, digest) in try await connection.query(
            "SELECT number, object_digest FROM revision_object WHERE release_id = \(id) ORDER BY number, position",
            logger: logger).decode((Int32, Data).self) {
            links[number, default: []].append(digest)
        }
        var hashes: [Int32: Set<String>] = [:]
        for try await (number, secret, key, hmac) in try await connection.query(
            "SELECT number, secret_name, key, hmac FROM secret_hash WHERE release_id = \(id)", logger: logger)
            .decode((Int32, String, String, String).self) {
            hashes[number, default: []].insert(ChainVerifier.key(SecretHash(secret: secret, key: key, hmac: hmac)))
        }
        let rows = try await connection.query("""
            SELECT \(unescaped: PostgresRows.revisionColumns) FROM revision WHERE release_id = \(id) ORDER BY number
            """, logger: logger).collect()
        return try rows.map { row in
            let revision = try PostgresRows.revision(row, release: release)
            let number = Int32(revision.number)
            let digests = [try row.makeRandomAccess()["spec_digest"].decode(Data.self)] + (links[number] ?? [])
            var markers = Set<String>()
            for digest in digests.dropFirst() { markers.formUnion(objects.secretMarkers[digest] ?? []) }
            return VerifiableRevision(
                revision: revision, objectDigests: digests.map { objects.present.contains($0) ? DigestColumn.text($0) : nil },
                damaged: Set(digests.filter(objects.damaged.contains).map(DigestColumn.text)),
                secretHashes: hashes[number] ?? [], secretMarkers: markers)
        }
    }
}

/// Every stored object rebuilt and hashed: which are present, which are damaged, and the
/// secret markers of each Secret.
struct StoredObjectCheck {
    var present = Set<Data>()
    var damaged = Set<Data>()
    var secretMarkers: [Data: Set<String>] = [:]

    static func read(_ connection: PostgresConnection, logger: Logger) async throws -> StoredObjectCheck {
        var rows: [Data: (base: Data?, encoding: Int16, body: Data)] = [:]
        var order: [Data] = []
        for try await (digest, base, encoding, body) in try await connection.query(
            "SELECT digest, base_digest, encoding, body FROM object ORDER BY stored", logger: logger).decode((Data, Data?, Int16, Data).self) {
            rows[digest] = (base, encoding, body)
            order.append(digest)
        }
        var check = StoredObjectCheck(present: Set(order))
        var values: [Data: JSONValue] = [:]
        func value(_ digest: Data, depth: Int) -> JSONValue? {
            if let known = values[digest] { return known }
            guard depth <= RecordPlanner.maximumDepth + 1, let row = rows[digest],
                  let encoding = ObjectEncoding(rawValue: Int(row.encoding)) else { return nil }
            var base: JSONValue?
            if encoding.isDelta {
                guard let baseDigest = row.base, let found = value(baseDigest, depth: depth + 1) else { return nil }
                base = found
            }
            guard let decoded = try? ObjectBody.decode(row.body, encoding: encoding, base: base) else { return nil }
            values[digest] = decoded
            return decoded
        }
        for digest in order {
            guard let decoded = value(digest, depth: 0), decoded.contentDigest == DigestColumn.text(digest) else {
                check.damaged.insert(digest)
                continue
            }
            let markers = ChainVerifier.secretMarkers(of: decoded)
            if !markers.isEmpty { check.secretMarkers[digest] = markers }
        }
        return check
    }
}
