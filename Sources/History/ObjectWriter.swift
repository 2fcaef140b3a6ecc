internal import GRDB
import Foundation
import Ledger
import ObjectModel

/// An object in the store: its id, how many deltas lie between it and a whole body, and its
/// value when it is at hand.
struct StoredObject {
    let id: Int64
    let depth: Int
    /// The digest's raw bytes.
    let digest: Data
    var value: JSONValue?
}

/// The objects of a release's latest revision, by identity: the bases for the next revision's
/// objects.
struct LatestObjects {
    var spec: StoredObject?
    var byIdentity: [ObjectIdentity: StoredObject] = [:]

    /// The objects of revision `revisionID` with its spec object `specID`.
    static func load(revisionID: Int64, specID: Int64, in db: Database) throws -> LatestObjects {
        let spec = try Row.fetchOne(db, sql: "SELECT id, depth, digest FROM object WHERE id = ?", arguments: [specID])
            .map { StoredObject(id: $0["id"], depth: $0["depth"], digest: $0["digest"]) }
        var latest = LatestObjects(spec: spec)
        let rows = try Row.fetchAll(db, sql: """
            SELECT object.id, object.depth, object.digest, object.apiVersion, object.kind, object.namespace, object.name
            FROM revisionObject JOIN object ON object.id = revisionObject.objectId WHERE revisionObject.revisionId = ?
            """, arguments: [revisionID])
        for row in rows {
            let key = ObjectIdentity(apiVersion: row["apiVersion"], kind: row["kind"], namespace: row["namespace"], name: row["name"])
            latest.byIdentity[key] = StoredObject(id: row["id"], depth: row["depth"], digest: row["digest"])
        }
        return latest
    }
}

/// Stores objects once each, by digest: a new version of an object as its ``JSONDelta``
/// against the previous version when that is much smaller, else whole (deflated).
enum ObjectWriter {
    /// The longest chain of deltas written; past it an object is stored whole again, which
    /// bounds the work of reading any version.
    static let maximumDepth = 32

    /// Stores `encoded` unless an object with its digest is stored already.
    /// - Parameter base: the previous version of the same object, when there is one.
    static func store(_ encoded: EncodedObject, base: StoredObject?, reader: ObjectReader,
                      in db: Database) throws -> StoredObject {
        let digest = encoded.digestBytes
        // Unchanged since the previous version: the commonest case, answered without a query.
        if let base, base.digest == digest { return StoredObject(id: base.id, depth: base.depth, digest: digest, value: encoded.value) }
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, depth FROM object WHERE digest = ?"), arguments: [digest]) {
            return StoredObject(id: row["id"], depth: row["depth"], digest: digest, value: encoded.value)
        }
        var body: ObjectBody?
        var baseID: Int64?
        var depth = 0
        if let base, base.depth < maximumDepth {
            let delta: ObjectBody
            if let prepared = encoded.delta, prepared.baseDigest == base.digest {
                delta = prepared.body
            } else {
                let baseValue = try base.value ?? reader.value(of: base.id, in: db)
                delta = ObjectBody.delta(JSONDelta.operations(from: baseValue, to: encoded.value))
            }
            // Deflated canonical JSON is about a quarter of its size: below that, the delta wins.
            if delta.bytes.count * 4 < encoded.bytes.count {
                body = delta
                baseID = base.id
                depth = base.depth + 1
            }
        }
        let stored = body ?? ObjectBody.whole(encoded.bytes)
        try db.cachedStatement(sql: """
            INSERT INTO object (digest, apiVersion, kind, namespace, name, baseId, depth, encoding, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                digest, encoded.identity.apiVersion, encoded.identity.kind, encoded.identity.namespace, encoded.identity.name, baseID, depth,
                stored.encoding.rawValue, stored.bytes,
            ])
        return StoredObject(id: db.lastInsertedRowID, depth: depth, digest: digest, value: encoded.value)
    }

    /// A manifest spells it `api_version` or `apiVersion`; a Kubernetes object `apiVersion`.
    static func apiVersion(of object: JSONValue) -> String {
        object["apiVersion"]?.stringValue ?? object["api_version"]?.stringValue ?? ""
    }
}
