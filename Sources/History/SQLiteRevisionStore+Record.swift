internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    /// Records revisions and events in order, all in one IMMEDIATE transaction (concurrent
    /// processes queue on SQLite's write lock). Times are the drafts' own: the process clock,
    /// which tests inject through the command context. The rules are ``RecordPlanner``'s; this only
    /// reads what the plan needs and writes what it says.
    public func record(entries: [LedgerEntry]) async throws(StoreError) -> [RecordOutcome?] {
        let encoded = BatchEncoding.encode(entries)
        let reader = reader
        return try await write { db in
            var rows = RowIDs()
            var heads: [ReleaseID: ReleaseHead] = [:]
            for release in Set(encoded.compactMap { $0.draft?.draft.release }) {
                heads[release] = try Self.head(of: release, ids: &rows, in: db)
            }
            var stored: [Data: PlannedObjectState] = [:]
            for digest in RecordPlanner.digestsToLookUp(encoded, heads: heads) {
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, depth FROM object WHERE digest = ?"),
                                                 arguments: [digest]) else { continue }
                stored[digest] = PlannedObjectState(digest: digest, depth: row["depth"])
                rows.objects[digest] = row["id"]
            }
            var bases: [Data: JSONValue] = [:]
            for digest in RecordPlanner.basesToRead(for: encoded, heads: heads, stored: stored) {
                if let id = rows.objects[digest] { bases[digest] = try reader.value(of: id, in: db) }
            }
            var planner = RecordPlanner(heads: heads, stored: stored, baseValues: bases, now: nil, location: self.path)
            let plan = try planner.plan(encoded)
            for write in plan.writes { try Self.perform(write, rows: &rows, in: db) }
            return plan.outcomes
        }
    }

    /// A release's latest revision and its objects, with their row ids kept in `ids`.
    private static func head(of release: ReleaseID, ids: inout RowIDs, in db: Database) throws -> ReleaseHead {
        guard let releaseID = try existingReleaseID(release, in: db) else { return .empty }
        ids.releases[release] = releaseID
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM revision WHERE releaseId = ? ORDER BY number DESC LIMIT 1",
                                         arguments: [releaseID]) else { return .empty }
        let latest = try revision(from: row, release: release)
        var head = ReleaseHead(latest: latest, spec: nil, objects: [:])
        let specID: Int64 = row["specObjectId"]
        if let spec = try Row.fetchOne(db, sql: "SELECT id, depth, digest FROM object WHERE id = ?", arguments: [specID]) {
            head.spec = PlannedObjectState(digest: spec["digest"], depth: spec["depth"])
            ids.objects[spec["digest"]] = specID
        }
        let objects = try Row.fetchAll(db, sql: """
            SELECT object.id, object.depth, object.digest, object.apiVersion, object.kind, object.namespace, object.name
            FROM revisionObject JOIN object ON object.id = revisionObject.objectId WHERE revisionObject.revisionId = ?
            """, arguments: [row["id"] as Int64])
        for object in objects {
            let identity = ObjectIdentity(apiVersion: object["apiVersion"], kind: object["kind"], namespace: object["namespace"],
                                          name: object["name"])
            head.objects[identity] = PlannedObjectState(digest: object["digest"], depth: object["depth"])
            ids.objects[object["digest"]] = object["id"]
        }
        return head
    }

    private static func perform(_ write: PlannedWrite, rows: inout RowIDs, in db: Database) throws {
        switch write {
        case .object(let object):
            try db.cachedStatement(sql: """
                INSERT INTO object (digest, apiVersion, kind, namespace, name, baseId, depth, encoding, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    object.digest, object.identity.apiVersion, object.identity.kind, object.identity.namespace,
                    object.identity.name, object.baseDigest.flatMap { rows.objects[$0] }, object.depth, object.encoding, object.body,
                ])
            rows.objects[object.digest] = db.lastInsertedRowID
        case .revision(let planned):
            let revisionID = try insertRevision(planned, releaseID: rows.releaseID(planned.revision.release, in: db), rows: rows, in: db)
            // One statement for the revision's object list (a statement per row costs more than the rows).
            var links: [DatabaseValueConvertible?] = []
            for (position, digest) in planned.objectDigests.enumerated() { links += [revisionID, position, rows.objects[digest]] }
            if !links.isEmpty {
                let marks = Array(repeating: "(?, ?, ?)", count: links.count / 3).joined(separator: ", ")
                try db.cachedStatement(sql: "INSERT INTO revisionObject (revisionId, position, objectId) VALUES \(marks)")
                    .execute(arguments: StatementArguments(links))
            }
            for hash in planned.secretHashes {
                try db.cachedStatement(sql: "INSERT INTO secretHash (revisionId, secretName, key, hmac) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [revisionID, hash.secret, hash.key, hash.hmac])
            }
        case .event(let event):
            try insertEvent(event, releaseID: rows.releaseID(event.release, in: db), in: db)
        }
    }

    /// Inserts the revision row and returns its id.
    private static func insertRevision(_ planned: NewRevision, releaseID: Int64, rows: RowIDs, in db: Database) throws -> Int64 {
        let revision = planned.revision
        let metadata = revision.metadata
        let summary = revision.summary
        try db.cachedStatement(sql: """
            INSERT INTO revision (releaseId, number, action, specObjectId, strategyType, maxUnavailable, maxSurge,
                minReadySeconds, images, author, message, sourceFile, toolVersion, createdAt, restoredFrom,
                contentDigest, chainDigest, origin, partial, sourceTime)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                releaseID, revision.number, metadata.action.rawValue, rows.objects[planned.specDigest], summary.strategyType,
                summary.maxUnavailable, summary.maxSurge, summary.minReadySeconds,
                CanonicalJSON.compact(.array(summary.images.map { .string($0) })),
                metadata.author, metadata.message, metadata.sourceFile, metadata.toolVersion,
                Timestamp.format(metadata.createdAt), metadata.restoredFrom, DigestColumn.bytes(revision.contentDigest),
                DigestColumn.bytes(revision.chainDigest), metadata.origin, metadata.partial ? 1 : 0,
                metadata.sourceTime.map(Timestamp.format),
            ])
        return db.lastInsertedRowID
    }

    static func releaseID(_ release: ReleaseID, in db: Database) throws -> Int64 {
        if let id = try existingReleaseID(release, in: db) { return id }
        try db.execute(sql: "INSERT INTO release (namespace, name) VALUES (?, ?)", arguments: [release.namespace, release.name])
        return db.lastInsertedRowID
    }

    static func insertEvent(_ event: EventDraft, releaseID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, detail, context, server, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [releaseID, event.revision, event.kind.rawValue, event.outcome.rawValue, event.author,
                                     Timestamp.format(event.createdAt), event.detail.map(CanonicalJSON.compact),
                                     event.cluster?.context, event.cluster?.server, event.origin])
    }
}

/// Row ids one write transaction has learnt: releases by name, objects by digest (the plan
/// names objects by digest; SQLite links them by id).
private struct RowIDs {
    var releases: [ReleaseID: Int64] = [:]
    var objects: [Data: Int64] = [:]

    mutating func releaseID(_ release: ReleaseID, in db: Database) throws -> Int64 {
        if let id = releases[release] { return id }
        let id = try SQLiteRevisionStore.releaseID(release, in: db)
        releases[release] = id
        return id
    }
}
