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
            let ids = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT revisionObject.objectId FROM revisionObject
                JOIN revision ON revision.id = revisionObject.revisionId
                JOIN release ON release.id = revision.releaseId
                WHERE release.namespace = ? AND release.name = ? AND revision.number = ?
                ORDER BY revisionObject.position
                """), arguments: [release.namespace, release.name, number])
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
                found[row["number"], default: []].append(ObjectReference(
                    apiVersion: row["apiVersion"], kind: row["kind"], namespace: row["namespace"], name: row["name"],
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
                .map { SecretHash(secret: $0["secretName"], key: $0["key"], hmac: $0["hmac"]) }
        }
    }

    public func releases() async throws(StoreError) -> [ReleaseID] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT namespace, name FROM release ORDER BY namespace, name")
                .map { ReleaseID(namespace: $0["namespace"], name: $0["name"]) }
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

    static func revision(from row: Row, release: ReleaseID) throws -> Revision {
        let createdText: String = row["createdAt"]
        let imagesText: String = row["images"]
        let images = (try? JSONValue(parsingJSON: imagesText))?.arrayValue?.compactMap(\.stringValue) ?? []
        let action = RevisionAction(rawValue: row["action"]) ?? .render
        let metadata = RevisionMetadata(
            action: action, author: row["author"], message: row["message"], sourceFile: row["sourceFile"],
            toolVersion: row["toolVersion"], createdAt: Timestamp.parse(createdText) ?? Date(timeIntervalSince1970: 0),
            restoredFrom: row["restoredFrom"], origin: row["origin"], partial: (row["partial"] as Int64? ?? 0) != 0,
            sourceTime: (row["sourceTime"] as String?).flatMap(Timestamp.parse))
        let summary = RevisionSummary(strategyType: row["strategyType"], maxUnavailable: row["maxUnavailable"],
                                      maxSurge: row["maxSurge"], minReadySeconds: row["minReadySeconds"], images: images)
        return Revision(release: release, number: row["number"], metadata: metadata, summary: summary,
                        contentDigest: row.digest("contentDigest"), chainDigest: row.digest("chainDigest"), position: row["position"])
    }
}
