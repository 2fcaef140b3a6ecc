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
    public func verify(chainKey: ChainKey?, scope: VerificationScope) async throws(StoreError) -> LedgerVerification {
        try await run { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            do {
                let problems = try await self.verifyAll(connection, chainKey: chainKey, scope: scope)
                try await connection.query("ROLLBACK", logger: self.logger)
                return problems
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    private func verifyAll(_ connection: PostgresConnection, chainKey: ChainKey?, scope: VerificationScope) async throws -> LedgerVerification {
        do {
            let objects = try await StoredObjectCheck.read(connection, rehash: scope == .everything, logger: self.logger)
            var verdicts: [ChainVerdict] = []
            var releases: [(Int64, ReleaseID)] = []
            for try await (id, namespace, name) in try await connection.query(
                "SELECT id, namespace, name FROM release ORDER BY namespace, name", logger: self.logger).decode((Int64, String, String).self) {
                releases.append((id, ReleaseID(namespace: namespace, name: name)))
            }
            for (id, release) in releases {
                do {
                    let revisions = try await self.verifiable(release, id: id, objects: objects, connection)
                    let events = try await self.chainEvents(release, id: id, connection)
                    verdicts.append(ChainVerifier.verdict(release, revisions: revisions, events: events, key: chainKey))
                } catch let error as PostgresDecodingError {
                    // A column whose type was changed under the ledger: damage to report, not an error.
                    verdicts.append(ChainVerdict(release: release, status: .damaged, broken: BrokenLink(
                        .unreadableRow, position: nil, message: "a row is damaged: its column '\(error.columnName)' cannot be read")))
                }
            }
            return LedgerVerification(releases: verdicts, problems: [], linksChecked: chainKey != nil, scope: scope)
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
                secretHashes: hashes[number] ?? [], secretMarkers: markers,
                unreadable: Dictionary(uniqueKeysWithValues: objects.unreadable.map { (DigestColumn.text($0.key), $0.value) }))
        }
    }
}

/// Every stored object rebuilt and hashed: which are present, which are damaged, and the
/// secret markers of each Secret.
struct StoredObjectCheck {
    var present = Set<Data>()
    var damaged = Set<Data>()
    var secretMarkers: [Data: Set<String>] = [:]
    /// Why each object that cannot be read cannot, by digest.
    var unreadable: [Data: String] = [:]

    /// Reads every stored object's digest; with `rehash`, rebuilds each body and checks it against
    /// its digest (without, only the Secrets are rebuilt, for their markers).
    static func read(_ connection: PostgresConnection, rehash: Bool, logger: Logger) async throws -> StoredObjectCheck {
        var rows: [Data: (base: Data?, encoding: Int16, body: Data)] = [:]
        var order: [Data] = []
        var secrets = Set<Data>()
        for try await (digest, base, encoding, body, kind) in try await connection.query(
            "SELECT digest, base_digest, encoding, body, kind FROM object ORDER BY stored", logger: logger)
            .decode((Data, Data?, Int16, Data, String).self) {
            rows[digest] = (base, encoding, body)
            order.append(digest)
            if kind == "Secret" { secrets.insert(digest) }
        }
        var check = StoredObjectCheck(present: Set(order))
        // Values rebuilt, with how many deltas each was rebuilt through.
        var values: [Data: (value: JSONValue, depth: Int)] = [:]
        // Walks down to a value already read or a whole body, then applies the deltas back up.
        func value(_ digest: Data) -> JSONValue? {
            func tooDeep() -> JSONValue? {
                check.unreadable[digest] = "its chain of deltas is deeper than \(RecordPlanner.maximumDepth), or loops"
                return nil
            }
            var pending: [(digest: Data, encoding: ObjectEncoding, body: Data)] = []
            var base: JSONValue?
            var depth = 0
            var next: Data? = digest
            while let current = next {
                if let known = values[current] {
                    base = known.value
                    depth = known.depth
                    break
                }
                guard let row = rows[current], let encoding = ObjectEncoding(rawValue: Int(row.encoding)) else {
                    check.unreadable[digest] = rows[current] == nil ? "its base object \(ObjectCache.name(current)) is missing"
                        : "\(ObjectBodyError.unknownEncoding(Int64(rows[current]?.encoding ?? 0)))"
                    return nil
                }
                pending.append((current, encoding, row.body))
                next = encoding.isDelta ? row.base : nil
                // Recording never builds a longer chain; a longer one (or a loop) is a hand edit.
                guard pending.count <= RecordPlanner.maximumDepth + 1 else { return tooDeep() }
            }
            guard depth + pending.count(where: \.encoding.isDelta) <= RecordPlanner.maximumDepth else { return tooDeep() }
            for entry in pending.reversed() {
                do {
                    let decoded = try ObjectBody.decode(entry.body, encoding: entry.encoding, base: base)
                    depth = entry.encoding.isDelta ? depth + 1 : 0
                    values[entry.digest] = (decoded, depth)
                    base = decoded
                } catch {
                    check.unreadable[digest] = "\(error)"
                    return nil
                }
            }
            return base
        }
        for digest in order where rehash || secrets.contains(digest) {
            guard let decoded = value(digest), !rehash || decoded.contentDigest == DigestColumn.text(digest) else {
                check.damaged.insert(digest)
                continue
            }
            let markers = ChainVerifier.secretMarkers(of: decoded)
            if !markers.isEmpty { check.secretMarkers[digest] = markers }
        }
        return check
    }
}
