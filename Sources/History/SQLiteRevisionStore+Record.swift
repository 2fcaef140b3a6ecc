internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    /// Records revisions and events in order, all in one IMMEDIATE transaction (concurrent
    /// processes queue on SQLite's write lock). Times are the drafts' own: the process clock,
    /// which tests inject through the command context. The rules are ``RecordPlanner``'s; this only
    /// reads what the plan needs and writes what it says.
    public func record(entries: [LedgerEntry], chainKey: ChainKey) async throws(StoreError) -> [RecordOutcome?] {
        let encoded = BatchEncoding.encode(entries)
        let reader = reader
        return try await write { db in
            var rows = RowIDs()
            var heads: [ReleaseID: ReleaseHead] = [:]
            for release in Set(entries.map(\.release)) {
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
            var planner = RecordPlanner(heads: heads, stored: stored, baseValues: bases, now: nil, location: self.path, chainKey: chainKey)
            let plan = try planner.plan(encoded)
            for write in plan.writes { try Self.perform(write, rows: &rows, in: db) }
            return plan.outcomes
        }
    }

    /// A release's latest revision and its objects, with their row ids kept in `ids`, and its
    /// chain's latest link.
    private static func head(of release: ReleaseID, ids: inout RowIDs, in db: Database) throws -> ReleaseHead {
        guard let releaseID = try existingReleaseID(release, in: db) else { return .empty }
        ids.releases[release] = releaseID
        let row = try Row.fetchOne(db, sql: "SELECT * FROM revision WHERE releaseId = ? ORDER BY number DESC LIMIT 1",
                                   arguments: [releaseID])
        let latest = try row.map { try revision(from: $0, release: release) }
        var head = ReleaseHead(latest: latest, spec: nil, objects: [:], link: try linkHead(releaseID: releaseID, latest: latest, in: db))
        guard let row else { return head }
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
            try insertEvent(event, releaseID: rows.releaseID(event.event.release, in: db), in: db)
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
                contentDigest, chainDigest, origin, partial, sourceTime, position, ticket, approvedBy, emergency, lint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                releaseID, revision.number, metadata.action.rawValue, rows.objects[planned.specDigest], summary.strategyType,
                summary.maxUnavailable, summary.maxSurge, summary.minReadySeconds,
                CanonicalJSON.compact(.array(summary.images.map { .string($0) })),
                metadata.author, metadata.message, metadata.sourceFile, metadata.toolVersion,
                Timestamp.format(metadata.createdAt), metadata.restoredFrom, DigestColumn.bytes(revision.contentDigest),
                DigestColumn.bytes(revision.chainDigest), metadata.origin, metadata.partial ? 1 : 0,
                metadata.sourceTime.map(Timestamp.format), revision.position,
                metadata.change.ticket, ChangeColumns.approvers(metadata.change), metadata.change.emergency,
                LintColumn.text(metadata.lint),
            ])
        return db.lastInsertedRowID
    }

    static func releaseID(_ release: ReleaseID, in db: Database) throws -> Int64 {
        if let id = try existingReleaseID(release, in: db) { return id }
        try db.execute(sql: "INSERT INTO release (namespace, name) VALUES (?, ?)", arguments: [release.namespace, release.name])
        return db.lastInsertedRowID
    }

    static func insertEvent(_ planned: NewEvent, releaseID: Int64, in db: Database) throws {
        let event = planned.event
        try db.cachedStatement(sql: """
            INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, detail, context, server, origin,
                position, chainDigest, ticket, approvedBy, emergency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [releaseID, event.revision, event.kind.rawValue, event.outcome.rawValue, event.author,
                                     Timestamp.format(event.createdAt), event.detail.map(CanonicalJSON.compact),
                                     event.cluster?.context, event.cluster?.server, event.origin,
                                     planned.position, planned.chainDigest.flatMap(DigestColumn.bytes),
                                     event.change.ticket, ChangeColumns.approvers(event.change), event.change.emergency])
    }

    /// The release's latest link: the keyed link of highest position in either table, else its
    /// latest plain revision.
    static func linkHead(releaseID: Int64, latest: Revision?, in db: Database) throws -> LinkHead {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM (SELECT position, chainDigest FROM revision WHERE releaseId = ?1 AND position IS NOT NULL
                           ORDER BY position DESC LIMIT 1)
            UNION ALL
            SELECT * FROM (SELECT position, chainDigest FROM event WHERE releaseId = ?1 AND position IS NOT NULL
                           ORDER BY position DESC LIMIT 1)
            ORDER BY position DESC LIMIT 1
            """), arguments: [releaseID])
        guard let row else { return LinkHead(latest: latest) }
        return LinkHead(position: row["position"], digest: row.digest("chainDigest"), keyed: true)
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
