internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    public func revisions(of release: ReleaseID, limit: Int, before: Int?) async throws(StoreError) -> [Revision] {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return [] }
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM revision WHERE releaseId = ? AND number < ? ORDER BY number DESC LIMIT ?
                """), arguments: [releaseID, before ?? Int.max, limit])
            return try rows.map { try Self.revision(from: $0, release: release) }
        }
    }

    public func revision(of release: ReleaseID, number: Int) async throws(StoreError) -> Revision? {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return nil }
            return try Self.fetchRevision(releaseID: releaseID, release: release, number: number, in: db)
        }
    }

    public func objects(of release: ReleaseID, number: Int) async throws(StoreError) -> [JSONValue] {
        try await read { db in
            let ids = try db.integers("""
                SELECT revisionObject.objectId FROM revisionObject
                JOIN revision ON revision.id = revisionObject.revisionId
                JOIN release ON release.id = revision.releaseId
                WHERE release.namespace = ? AND release.name = ? AND revision.number = ?
                ORDER BY revisionObject.position
                """, arguments: [release.namespace, release.name, number], column: "objectId", of: "revisionObject")
            return try ids.map { try self.reader.value(of: $0, in: db) }
        }
    }

    public func objectReferences(of release: ReleaseID, numbers: ClosedRange<Int>) async throws(StoreError) -> [Int: [ObjectReference]] {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return [:] }
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT revision.number, object.apiVersion, object.kind, object.namespace, object.name, object.digest
                FROM revision
                JOIN revisionObject ON revisionObject.revisionId = revision.id
                JOIN object ON object.id = revisionObject.objectId
                WHERE revision.releaseId = ? AND revision.number BETWEEN ? AND ?
                ORDER BY revision.number, revisionObject.position
                """), arguments: [releaseID, numbers.lowerBound, numbers.upperBound])
            var found: [Int: [ObjectReference]] = [:]
            while let row = try rows.next() {
                found[Int(try row.integer("number", of: "revision")), default: []].append(ObjectReference(
                    apiVersion: try row.text("apiVersion", of: "object"), kind: try row.text("kind", of: "object"),
                    namespace: try row.optionalText("namespace", of: "object"), name: try row.text("name", of: "object"),
                    digest: row.digest("digest")))
            }
            return found
        }
    }

    public func objects(withDigests digests: [String]) async throws(StoreError) -> [String: JSONValue] {
        try await read { db in
            var out: [String: JSONValue] = [:]
            for digest in Set(digests) {
                guard let bytes = DigestColumn.bytes(digest),
                      let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM object WHERE digest = ?"), arguments: [bytes])
                else { continue }
                out[digest] = try self.reader.value(of: id, in: db)
            }
            return out
        }
    }

    public func spec(of release: ReleaseID, number: Int) async throws(StoreError) -> JSONValue {
        try await read { db in
            let id = try Int64.fetchOne(db, sql: """
                SELECT revision.specObjectId FROM revision
                JOIN release ON release.id = revision.releaseId
                WHERE release.namespace = ? AND release.name = ? AND revision.number = ?
                """, arguments: [release.namespace, release.name, number])
            return try id.map { try self.reader.value(of: $0, in: db) } ?? .null
        }
    }

    public func secretHashes(of release: ReleaseID, number: Int) async throws(StoreError) -> [SecretHash] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT secretName, key, hmac FROM secretHash
                JOIN revision ON revision.id = secretHash.revisionId
                JOIN release ON release.id = revision.releaseId
                WHERE release.namespace = ? AND release.name = ? AND revision.number = ?
                ORDER BY secretName, key
                """, arguments: [release.namespace, release.name, number])
                .map(SecretHash.init(row:))
        }
    }

    public func releases() async throws(StoreError) -> [ReleaseID] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT namespace, name FROM release ORDER BY namespace, name")
                .map(ReleaseID.init(row:))
        }
    }

    public func namespaces(ofReleaseNamed name: String) async throws(StoreError) -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT release.namespace FROM release
                WHERE name = ? AND EXISTS (SELECT 1 FROM revision WHERE revision.releaseId = release.id)
                ORDER BY namespace
                """, arguments: [name])
        }
    }

    static func existingReleaseID(_ release: ReleaseID, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM release WHERE namespace = ? AND name = ?"),
                           arguments: [release.namespace, release.name])
    }

    static func fetchRevision(releaseID: Int64, release: ReleaseID, number: Int, in db: Database) throws -> Revision? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM revision WHERE releaseId = ? AND number = ?"), arguments: [releaseID, number])
            .map { try revision(from: $0, release: release) }
    }

    /// A revision from a row of `revision`, read strictly: a column holding a value of another
    /// type throws ``RowDamage`` naming the revision.
    static func revision(from row: Row, release: ReleaseID) throws -> Revision {
        let number = Int(try row.integer("number", of: "revision"))
        do {
            return try revision(from: row, release: release, number: number)
        } catch var damage as RowDamage {
            damage.revision = number
            throw damage
        }
    }

    private static func revision(from row: Row, release: ReleaseID, number: Int) throws -> Revision {
        let table = "revision"
        let images = (try? JSONValue(parsingJSON: try row.text("images", of: table)))?.arrayValue?.compactMap(\.stringValue) ?? []
        let metadata = RevisionMetadata(
            action: RevisionAction(rawValue: try row.text("action", of: table)) ?? .render, author: try row.text("author", of: table),
            message: try row.optionalText("message", of: table), sourceFile: try row.optionalText("sourceFile", of: table),
            toolVersion: try row.text("toolVersion", of: table),
            createdAt: Timestamp.parse(try row.text("createdAt", of: table)) ?? Date(timeIntervalSince1970: 0),
            restoredFrom: try row.optionalInteger("restoredFrom", of: table).map(Int.init), origin: try row.optionalText("origin", of: table),
            partial: (try row.optionalInteger("partial", of: table) ?? 0) != 0,
            sourceTime: try row.optionalText("sourceTime", of: table).flatMap(Timestamp.parse), change: try change(from: row, of: table),
            lint: LintColumn.lint(try row.optionalText("lint", of: table)))
        let summary = RevisionSummary(
            strategyType: try row.optionalText("strategyType", of: table), maxUnavailable: try row.optionalText("maxUnavailable", of: table),
            maxSurge: try row.optionalText("maxSurge", of: table), minReadySeconds: try row.optionalInteger("minReadySeconds", of: table),
            images: images)
        return Revision(release: release, number: number, metadata: metadata, summary: summary,
                        contentDigest: row.digest("contentDigest"), chainDigest: row.digest("chainDigest"),
                        position: try row.optionalInteger("position", of: table).map(Int.init))
    }
}
