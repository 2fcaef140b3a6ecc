internal import GRDB
import Crypto
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
                let badObjects = try Self.damagedObjects(in: db)
                let releases = try Row.fetchAll(db, sql: "SELECT id, namespace, name FROM release ORDER BY namespace, name")
                for release in releases {
                    let id = ReleaseID(namespace: release["namespace"], name: release["name"])
                    if let problem = try Self.verifyChain(releaseID: release["id"], release: id, damaged: badObjects, in: db) {
                        problems.append(problem)
                    }
                }
                return problems
            }
        }
    }

    /// Digests of objects whose body no longer hashes to their digest.
    private static func damagedObjects(in db: Database) throws -> Set<String> {
        var damaged = Set<String>()
        let cursor = try Row.fetchCursor(db, sql: "SELECT digest, body FROM object")
        while let row = try cursor.next() {
            let body: String = row["body"]
            let digest: String = row["digest"]
            if sha256(body) != digest { damaged.insert(digest) }
        }
        return damaged
    }

    private static func verifyChain(releaseID: Int64, release: ReleaseID, damaged: Set<String>,
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
            let specDigest: String = row["specDigest"]
            let objects = try String.fetchAll(db, sql: "SELECT objectDigest FROM revisionObject WHERE revisionId = ? ORDER BY position",
                                              arguments: [revisionID])
            if let bad = ([specDigest] + objects).first(where: damaged.contains) {
                return fail("stored object \(bad) does not match its digest")
            }
            if let gone = try Self.missingObject(among: [specDigest] + objects, in: db) {
                return fail("stored object \(gone) is missing")
            }
            let content = Digests.content(specDigest: specDigest, objectDigests: objects)
            guard content == revision.contentDigest else {
                return fail("content digest mismatch (recorded \(revision.contentDigest), computed \(content))")
            }
            let chain = Digests.chain(previous: previous, release: release, number: number, contentDigest: content,
                                      metadata: revision.metadata, summary: revision.summary)
            guard chain == revision.chainDigest else { return fail("chain digest mismatch: its metadata or an earlier revision was changed") }
            if let problem = try verifySecretHashes(revisionID: revisionID, objectDigests: objects, in: db) { return fail(problem) }
            previous = chain
            expected += 1
        }
        return nil
    }

    /// The secret hash rows must be exactly the markers inside the revision's Secrets.
    private static func verifySecretHashes(revisionID: Int64, objectDigests: [String], in db: Database) throws -> String? {
        var markers = Set<String>()
        for digest in Set(objectDigests) {
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM object WHERE digest = ? AND kind = 'Secret'", arguments: [digest]),
                let object = try? JSONValue(parsingJSON: body), let name = object.value(atMemberPath: "metadata.name")?.stringValue
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
    private static func missingObject(among digests: [String], in db: Database) throws -> String? {
        try digests.first { digest in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM object WHERE digest = ?)", arguments: [digest]) != true
        }
    }

    static func sha256(_ text: String) -> String {
        ContentDigest.of(text.utf8)
    }
}
