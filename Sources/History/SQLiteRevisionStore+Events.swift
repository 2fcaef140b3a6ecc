internal import GRDB
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    public func events(of release: ReleaseID, kinds: [EventKind], limit: Int) async throws(StoreError) -> [Event] {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return [] }
            let filter = kinds.isEmpty ? "" : "AND kind IN (\(kinds.map { _ in "?" }.joined(separator: ", ")))"
            let arguments: StatementArguments = [releaseID] + StatementArguments(kinds.map(\.rawValue)) + [limit]
            return try Row.fetchAll(db, sql: """
                SELECT * FROM event WHERE releaseId = ? \(filter) ORDER BY id DESC LIMIT ?
                """, arguments: arguments).map { try Self.event(from: $0, release: release) }
        }
    }

    public func lastApplied(of release: ReleaseID, cluster: ClusterTarget) async throws(StoreError) -> Int? {
        try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return nil }
            return try Int.fetchOne(db, sql: """
                SELECT revisionNumber FROM event
                WHERE releaseId = ? AND context = ? AND server = ? AND kind IN ('apply', 'rollback')
                    AND outcome IN (\(Self.appliedOutcomes))
                ORDER BY id DESC LIMIT 1
                """, arguments: [releaseID, cluster.context, cluster.server])
        }
    }

    /// ``EventOutcome/applied`` as an SQL list of literals (fixed words, no user text).
    static let appliedOutcomes = EventOutcome.applied.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    public func deployments(of release: ReleaseID, revisions: [Int]) async throws(StoreError) -> [Int: Event] {
        guard !revisions.isEmpty else { return [:] }
        return try await read { db in
            guard let releaseID = try Self.existingReleaseID(release, in: db) else { return [:] }
            let marks = revisions.map { _ in "?" }.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM event WHERE id IN (
                    SELECT max(id) FROM event
                    WHERE releaseId = ? AND kind IN ('apply', 'rollback') AND outcome <> 'recorded'
                        AND outcome <> 'unchanged' AND revisionNumber IN (\(marks))
                    GROUP BY revisionNumber)
                """, arguments: [releaseID] + StatementArguments(revisions))
            var found: [Int: Event] = [:]
            for row in rows {
                let event = try Self.event(from: row, release: release)
                if let number = event.draft.revision { found[number] = event }
            }
            return found
        }
    }

    public func releasesApplied(to cluster: ClusterTarget) async throws(StoreError) -> [AppliedRelease] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT release.namespace, release.name, event.revisionNumber FROM event
                JOIN release ON release.id = event.releaseId
                WHERE event.id IN (
                    SELECT max(id) FROM event
                    WHERE context = ? AND server = ? AND kind IN ('apply', 'rollback') AND outcome IN (\(Self.appliedOutcomes))
                    GROUP BY releaseId)
                ORDER BY release.namespace, release.name
                """, arguments: [cluster.context, cluster.server]).map {
                AppliedRelease(release: try ReleaseID(row: $0), revision: Int(try $0.integer("revisionNumber", of: "event")))
            }
        }
    }

    /// The change record of a row of `revision` or `event` (empty for rows written before schema 8).
    static func change(from row: Row, of table: String) throws -> ChangeRecord {
        ChangeColumns.record(ticket: try row.optionalText("ticket", of: table), approvedBy: try row.optionalText("approvedBy", of: table),
                             emergency: try row.optionalText("emergency", of: table))
    }

    /// An event from a row of `event`, read strictly (a column of another type throws ``RowDamage``).
    static func event(from row: Row, release: ReleaseID) throws -> Event {
        let table = "event"
        let context = try row.optionalText("context", of: table)
        let server = try row.optionalText("server", of: table)
        let cluster = context.map { ClusterTarget(context: $0, server: server ?? "") }
        let draft = EventDraft(release: release, kind: EventKind(rawValue: try row.text("kind", of: table)),
                               outcome: EventOutcome(rawValue: try row.text("outcome", of: table)),
                               revision: try row.optionalInteger("revisionNumber", of: table).map(Int.init),
                               author: try row.text("author", of: table),
                               createdAt: Timestamp.parse(try row.text("createdAt", of: table)) ?? Date(timeIntervalSince1970: 0),
                               cluster: cluster, detail: try row.optionalText("detail", of: table).flatMap { try? JSONValue(parsingJSON: $0) },
                               origin: try row.optionalText("origin", of: table), change: try change(from: row, of: table))
        let chain = try row.optionalBlob("chainDigest", of: table)
        return Event(id: try row.integer("id", of: table), draft: draft,
                     position: try row.optionalInteger("position", of: table).map(Int.init), chainDigest: chain.map(DigestColumn.text))
    }
}
