internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    /// SQLite's integrity check, every stored object's digest, each release's numbering and
    /// hash chain, and every secret hash against the markers in its revision's objects.
    public func verify() throws -> [VerificationProblem] {
        try wrap {
            try pool.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] {
                    return [VerificationProblem(release: nil, revision: nil, message: "SQLite integrity check: " + integrity.joined(separator: "; "))]
                }
                var problems: [VerificationProblem] = []
                let stored = try Self.storedObjects(path: path, in: db)
                let releases = try Row.fetchAll(db, sql: "SELECT id, namespace, name FROM release ORDER BY namespace, name")
                for release in releases {
                    let id = ReleaseID(namespace: release["namespace"], name: release["name"])
                    if let problem = try Self.verifyChain(releaseID: release["id"], release: id, stored: stored, in: db) {
                        problems.append(problem)
                    }
                }
                return problems
            }
        }
    }

    /// Digests of objects whose body no longer hashes to their digest.
    /// Every stored object's digest, rebuilt from its body, and whether it matches the digest
    /// it is stored under: the damaged ones.
    private static func storedObjects(path: String, in db: Database) throws -> StoredDigests {
        var found = StoredDigests(reader: ObjectReader(path: path, capacity: 4096))
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, digest FROM object ORDER BY id")
        while let row = try cursor.next() {
            let id: Int64 = row["id"]
            let digest = row.digest("digest")
            found.digests[id] = digest
            if (try? found.reader.value(of: id, in: db))?.contentDigest != digest { found.damaged.insert(id) }
        }
        return found
    }

    private static func verifyChain(releaseID: Int64, release: ReleaseID, stored: StoredDigests,
                                    in db: Database) throws -> VerificationProblem? {
        var previous: String?
        var expected = 1
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM revision WHERE releaseId = ? ORDER BY number", arguments: [releaseID])
        for row in rows {
            let revision = try Self.revision(from: row, release: release)
            let number = revision.number
            let fail = { (message: String) in VerificationProblem(release: release, revision: number, message: message) }
            guard number == expected else {
                // Name the revision that is missing, not the one after the hole.
                return VerificationProblem(release: release, revision: expected,
                                           message: "is missing: the numbering jumps from \(expected - 1) to \(number)")
            }
            let revisionID: Int64 = row["id"]
            let specID: Int64 = row["specObjectId"]
            let objectIDs = try Int64.fetchAll(db, sql: "SELECT objectId FROM revisionObject WHERE revisionId = ? ORDER BY position",
                                               arguments: [revisionID])
            if let gone = ([specID] + objectIDs).first(where: { stored.digests[$0] == nil }) {
                return fail("stored object \(gone) is missing")
            }
            if let bad = ([specID] + objectIDs).first(where: stored.damaged.contains) {
                return fail("stored object \(stored.digests[bad]!) does not match its digest")
            }
            let content = Digests.content(specDigest: stored.digests[specID]!, objectDigests: objectIDs.map { stored.digests[$0]! })
            guard content == revision.contentDigest else {
                return fail("content digest mismatch (recorded \(revision.contentDigest), computed \(content))")
            }
            let chain = Digests.chain(previous: previous, release: release, number: number, contentDigest: content,
                                      metadata: revision.metadata, summary: revision.summary)
            guard chain == revision.chainDigest else { return fail("chain digest mismatch: its metadata or an earlier revision was changed") }
            if let problem = try verifySecretHashes(revisionID: revisionID, objectIDs: objectIDs, reader: stored.reader, in: db) {
                return fail(problem)
            }
            previous = chain
            expected += 1
        }
        return nil
    }

    private static func verifySecretHashes(revisionID: Int64, objectIDs: [Int64], reader: ObjectReader,
                                           in db: Database) throws -> String? {
        var markers = Set<String>()
        for id in Set(objectIDs) {
            guard try String.fetchOne(db, sql: "SELECT kind FROM object WHERE id = ?", arguments: [id]) == "Secret",
                  let object = try? reader.value(of: id, in: db),
                  let name = object.value(atMemberPath: "metadata.name")?.stringValue
            else { continue }
            // Sealing covers `data` and `stringData` alike.
            let members = (object["data"]?.objectValue ?? [:]).merging(object["stringData"]?.objectValue ?? [:]) { first, _ in first }
            for (key, value) in members {
                guard let text = value.stringValue, text.hasPrefix(SecretSeal.markerPrefix) else { continue }
                markers.insert("\(name)/\(key)/\(text.dropFirst(SecretSeal.markerPrefix.count))")
            }
        }
        let rows = try Row.fetchAll(db, sql: "SELECT secretName, key, hmac FROM secretHash WHERE revisionId = ?", arguments: [revisionID])
        let recorded = Set(rows.map { row -> String in
            let name: String = row["secretName"], key: String = row["key"], hmac: String = row["hmac"]
            return "\(name)/\(key)/\(hmac)"
        })
        return recorded == markers ? nil : "secret hashes do not match the revision's Secrets"
    }

    /// The first digest a revision refers to that has no row in `object` (deleted, or renamed
    /// together with its body so that it still hashes right).
}

extension SQLiteRevisionStore {
    /// Every stored object, rebuilt, in the order stored: for audits and tests that must see
    /// through compression (a secret scan of the raw file cannot read deflated bodies).
    package func everyObject() throws -> [JSONValue] {
        try wrap {
            try pool.read { db in
                let reader = ObjectReader(path: path, capacity: 4096)
                return try Int64.fetchAll(db, sql: "SELECT id FROM object ORDER BY id").map { try reader.value(of: $0, in: db) }
            }
        }
    }
}

/// What verify learns about the stored objects before it walks the chains.
private struct StoredDigests {
    var digests: [Int64: String] = [:]
    var damaged = Set<Int64>()
    /// Rebuilds objects; it keeps the recent ones, so each version costs one delta.
    let reader: ObjectReader
}
