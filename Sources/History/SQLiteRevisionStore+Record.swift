internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    public func record(_ drafts: [RevisionDraft]) throws -> [RecordOutcome] {
        // Serialise and hash outside the write transaction, so writers hold the lock briefly.
        let encoded = drafts.map(EncodedDraft.init)
        return try wrap {
            try pool.write { db in
                try encoded.map { draft in try Self.record(draft, in: db) }
            }
        }
    }

    public func recordEvent(_ event: EventDraft) throws {
        try wrap {
            try pool.write { db in
                let releaseID = try Self.releaseID(event.release, in: db)
                try Self.insertEvent(event, releaseID: releaseID, in: db)
            }
        }
    }

    private static func record(_ encoded: EncodedDraft, in db: Database) throws -> RecordOutcome {
        let draft = encoded.draft
        let releaseID = try releaseID(draft.release, in: db)
        let content = encoded.contentDigest
        let latest = try Row.fetchOne(db, sql: """
            SELECT number, contentDigest, chainDigest FROM revision WHERE releaseId = ? ORDER BY number DESC LIMIT 1
            """, arguments: [releaseID])
        let event = { (outcome: String, number: Int) in
            EventDraft(release: draft.release, kind: draft.metadata.action.rawValue, outcome: outcome, revision: number,
                       author: draft.metadata.author, createdAt: draft.metadata.createdAt)
        }
        if let latest, latest["contentDigest"] as String == content, draft.metadata.restoredFrom == nil {
            let number: Int = latest["number"]
            try insertEvent(event("unchanged", number), releaseID: releaseID, in: db)
            guard let revision = try fetchRevision(releaseID: releaseID, release: draft.release, number: number, in: db) else {
                throw StoreError.corrupt(path: db.description, detail: "revision \(number) vanished")
            }
            return .unchanged(revision)
        }
        let number = (latest?["number"] as Int? ?? 0) + 1
        let chain = Digests.chain(previous: latest?["chainDigest"], release: draft.release, number: number,
                                  contentDigest: content, metadata: draft.metadata, summary: draft.summary)
        let specDigest = try insertObject(encoded.spec, in: db)
        let metadata = draft.metadata
        let summary = draft.summary
        try db.cachedStatement(sql: """
            INSERT INTO revision (releaseId, number, action, specDigest, strategyType, maxUnavailable, maxSurge,
                minReadySeconds, images, author, message, sourceFile, toolVersion, createdAt, restoredFrom,
                contentDigest, chainDigest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                releaseID, number, metadata.action.rawValue, specDigest, summary.strategyType, summary.maxUnavailable,
                summary.maxSurge, summary.minReadySeconds, CanonicalJSON.compact(.array(summary.images.map { .string($0) })),
                metadata.author, metadata.message, metadata.sourceFile, metadata.toolVersion,
                Timestamp.format(metadata.createdAt), metadata.restoredFrom, content, chain,
            ])
        let revisionID = db.lastInsertedRowID
        for (position, object) in encoded.objects.enumerated() {
            let digest = try insertObject(object, in: db)
            try db.cachedStatement(sql: "INSERT INTO revisionObject (revisionId, position, objectDigest) VALUES (?, ?, ?)")
                .execute(arguments: [revisionID, position, digest])
        }
        for hash in draft.secretHashes {
            try db.cachedStatement(sql: "INSERT INTO secretHash (revisionId, secretName, key, hmac) VALUES (?, ?, ?, ?)")
                .execute(arguments: [revisionID, hash.secret, hash.key, hash.hmac])
        }
        try insertEvent(event("recorded", number), releaseID: releaseID, in: db)
        return .recorded(Revision(release: draft.release, number: number, metadata: metadata, summary: summary,
                                  contentDigest: content, chainDigest: chain))
    }

    static func releaseID(_ release: ReleaseID, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM release WHERE namespace = ? AND name = ?",
                                       arguments: [release.namespace, release.name]) {
            return id
        }
        try db.execute(sql: "INSERT INTO release (namespace, name) VALUES (?, ?)", arguments: [release.namespace, release.name])
        return db.lastInsertedRowID
    }

    /// Stores an object once, by the digest of its canonical JSON.
    private static func insertObject(_ encoded: EncodedObject, in db: Database) throws -> String {
        let object = encoded.value
        let digest = encoded.digest
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO object (digest, apiVersion, kind, namespace, name, body) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                digest, object["apiVersion"]?.stringValue ?? object["api_version"]?.stringValue ?? "",
                object["kind"]?.stringValue ?? "", object.value(atMemberPath: "metadata.namespace")?.stringValue,
                object.value(atMemberPath: "metadata.name")?.stringValue ?? "", encoded.body,
            ])
        return digest
    }

    private static func insertEvent(_ event: EventDraft, releaseID: Int64, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, detail, context, server)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [releaseID, event.revision, event.kind, event.outcome, event.author,
                             Timestamp.format(event.createdAt), event.detail.map(CanonicalJSON.compact),
                             event.cluster?.context, event.cluster?.server])
    }
}

/// An object with its canonical JSON and digest, computed once.
struct EncodedObject {
    let value: JSONValue
    let body: String
    let digest: String

    init(_ value: JSONValue) {
        let bytes = CanonicalJSON.compactBytes(value)
        self.value = value
        body = String(decoding: bytes, as: UTF8.self)
        digest = ContentDigest.of(bytes)
    }
}

/// A draft with its spec and objects encoded, and its content digest.
struct EncodedDraft {
    let draft: RevisionDraft
    let spec: EncodedObject
    let objects: [EncodedObject]
    let contentDigest: String

    init(_ draft: RevisionDraft) {
        self.draft = draft
        spec = EncodedObject(draft.spec)
        objects = draft.objects.map(EncodedObject.init)
        contentDigest = Digests.content(specDigest: spec.digest, objectDigests: objects.map(\.digest))
    }
}
