internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    /// SQLite's integrity check, every stored object's digest, each release's numbering and
    /// chain (``ChainVerifier``), and every secret hash against the markers in its revision's objects.
    public func verify(chainKey: ChainKey?, scope: VerificationScope) async throws(StoreError) -> LedgerVerification {
        try await read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] {
                let problem = VerificationProblem(release: nil, revision: nil, message: "SQLite integrity check: " + integrity.joined(separator: "; "))
                return LedgerVerification(releases: [], problems: [problem], linksChecked: chainKey != nil, scope: scope)
            }
            var verdicts: [ChainVerdict] = []
            var problems: [VerificationProblem] = []
            let stored = try Self.storedObjects(path: self.path, rehash: scope == .everything, in: db)
            let releases = try Row.fetchAll(db, sql: "SELECT id, namespace, name FROM release ORDER BY namespace, name")
            for release in releases {
                // A row holding a value of another type is damage to report, named by its release.
                let id: ReleaseID
                do {
                    id = try ReleaseID(row: release)
                } catch let damage as RowDamage {
                    problems.append(damage.problem(nil))
                    continue
                }
                do {
                    let releaseID = try release.integer("id", of: "release")
                    let revisions = try Self.verifiable(releaseID: releaseID, release: id, stored: stored, in: db)
                    let events = try Self.chainEvents(releaseID: releaseID, release: id, in: db)
                    verdicts.append(ChainVerifier.verdict(id, revisions: revisions, events: events, key: chainKey))
                } catch let damage as RowDamage {
                    verdicts.append(ChainVerdict(release: id, status: .damaged, broken: BrokenLink(
                        .unreadableRow, position: nil, revision: damage.revision, message: damage.description)))
                }
            }
            return LedgerVerification(releases: verdicts, problems: problems, linksChecked: chainKey != nil, scope: scope)
        }
    }

    /// Every stored object's digest and, with `rehash`, its body rebuilt and hashed: the ones
    /// that no longer match the digest they are stored under are damaged.
    private static func storedObjects(path: String, rehash: Bool, in db: Database) throws -> StoredDigests {
        var found = StoredDigests(reader: ObjectReader(path: path, capacity: 4096))
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, digest, kind FROM object ORDER BY id")
        while let row = try cursor.next() {
            let id = try row.integer("id", of: "object")
            let digest = row.digest("digest")
            found.digests[id] = digest
            do {
                if try row.text("kind", of: "object") == "Secret" { found.secrets.insert(id) }
                if rehash, try found.reader.value(of: id, in: db).contentDigest != digest { found.damaged.insert(id) }
            } catch {
                found.damaged.insert(id)
                found.unreadable[digest] = Self.reason(error)
            }
        }
        return found
    }

    private static func verifiable(releaseID: Int64, release: ReleaseID, stored: StoredDigests,
                                   in db: Database) throws -> [VerifiableRevision] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM revision WHERE releaseId = ? ORDER BY number", arguments: [releaseID])
        var revisions: [VerifiableRevision] = []
        for row in rows {
            let revision = try Self.revision(from: row, release: release)
            let (revisionID, specID) = try Self.keys(of: row, number: revision.number)
            let ids = try [specID] + db.integers("SELECT objectId FROM revisionObject WHERE revisionId = ? ORDER BY position",
                                                 arguments: [revisionID], column: "objectId", of: "revisionObject")
            var markers = Set<String>()
            for id in Set(ids.dropFirst()) where stored.secrets.contains(id) {
                if let object = try? stored.reader.value(of: id, in: db) { markers.formUnion(ChainVerifier.secretMarkers(of: object)) }
            }
            let hashes = try Row.fetchAll(db, sql: "SELECT secretName, key, hmac FROM secretHash WHERE revisionId = ?", arguments: [revisionID])
                .map { ChainVerifier.key(try SecretHash(row: $0)) }
            revisions.append(VerifiableRevision(
                revision: revision, objectDigests: ids.map { stored.digests[$0] },
                damaged: Set(ids.filter(stored.damaged.contains).compactMap { stored.digests[$0] }),
                secretHashes: Set(hashes), secretMarkers: markers, unreadable: stored.unreadable))
        }
        return revisions
    }

    /// A release's events in the order written.
    static func chainEvents(releaseID: Int64, release: ReleaseID, in db: Database) throws -> [Event] {
        try Row.fetchAll(db, sql: "SELECT * FROM event WHERE releaseId = ? ORDER BY id", arguments: [releaseID])
            .map { try event(from: $0, release: release) }
    }

    /// The `id` and `specObjectId` of a revision row, read strictly.
    private static func keys(of row: Row, number: Int) throws -> (id: Int64, spec: Int64) {
        do {
            return (try row.integer("id", of: "revision"), try row.integer("specObjectId", of: "revision"))
        } catch var damage as RowDamage {
            damage.revision = number
            throw damage
        }
    }

    /// Why an object cannot be read, without the ledger's location (verify names it once).
    private static func reason(_ error: any Error) -> String {
        if case .corrupt(_, let detail, _) = error as? StoreError { return detail }
        return "\(error)"
    }

}

extension SQLiteRevisionStore {
    /// Every stored object, rebuilt, in the order stored: for audits and tests that must see
    /// through compression (a secret scan of the raw file cannot read deflated bodies).
    public func everyObject() async throws(StoreError) -> [JSONValue] {
        try await read { db in
            let reader = ObjectReader(path: self.path, capacity: 4096)
            return try Int64.fetchAll(db, sql: "SELECT id FROM object ORDER BY id").map { try reader.value(of: $0, in: db) }
        }
    }
}

/// What verify learns about the stored objects before it walks the chains.
private struct StoredDigests {
    var digests: [Int64: String] = [:]
    var damaged = Set<Int64>()
    /// The ids of the Secrets.
    var secrets = Set<Int64>()
    /// Why each object that cannot be read cannot, by digest.
    var unreadable: [String: String] = [:]
    /// Rebuilds objects; it keeps the recent ones, so each version costs one delta.
    let reader: ObjectReader
}
