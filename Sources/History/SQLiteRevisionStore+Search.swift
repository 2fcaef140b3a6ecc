internal import GRDB
import Foundation
import Ledger
import ObjectModel

/// Questions across releases: `history` with conditions, and `releases`.
extension SQLiteRevisionStore {
    public func revisions(matching query: RevisionQuery, limit: Int, after cursor: RevisionCursor?) async throws(StoreError) -> [Revision] {
        try await read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let release = query.release {
                guard let releaseID = try Self.existingReleaseID(release, in: db) else { return [] }
                conditions.append("revision.releaseId = ?")
                arguments += [releaseID]
                if let cursor {
                    conditions.append("revision.number < ?")
                    arguments += [cursor.number]
                }
            } else if let cursor {
                conditions.append("""
                    (revision.createdAt, revision.releaseId, revision.number)
                        < (?, coalesce((SELECT id FROM release WHERE namespace = ? AND name = ?), 0), ?)
                    """)
                arguments += [Timestamp.format(cursor.createdAt), cursor.release.namespace, cursor.release.name, cursor.number]
            }
            if let since = query.since {
                conditions.append("revision.createdAt >= ?")
                arguments += [Timestamp.format(since)]
            }
            if let until = query.until {
                conditions.append("revision.createdAt < ?")
                arguments += [Timestamp.format(until)]
            }
            if let author = query.foldedAuthor {
                conditions.append("instr(lower(revision.author), ?) > 0")
                arguments += [author]
            }
            if let image = query.image {
                // The column's text first (cheap): a JSON text without a backslash holds each
                // image verbatim, whatever wrote it. Then each image of the array.
                conditions.append("""
                    (instr(revision.images, ?) > 0 OR instr(revision.images, '\\') > 0)
                        AND EXISTS (SELECT 1 FROM json_each(revision.images) WHERE instr(json_each.value, ?) > 0)
                    """)
                arguments += [image, image]
            }
            let order = query.release == nil
                ? "revision.createdAt DESC, revision.releaseId DESC, revision.number DESC" : "revision.number DESC"
            let rows = try Row.fetchAll(db, sql: """
                SELECT revision.*, release.namespace AS releaseNamespace, release.name AS releaseName
                FROM revision JOIN release ON release.id = revision.releaseId
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY \(order) LIMIT ?
                """, arguments: arguments + [limit])
            return try rows.map { row in
                let release = ReleaseID(namespace: try row.text("releaseNamespace", of: "release"),
                                        name: try row.text("releaseName", of: "release"))
                return try Self.revision(from: row, release: release)
            }
        }
    }

    public func releaseStates(at moment: Date?) async throws(StoreError) -> [ReleaseState] {
        let bound = moment.map(Timestamp.format)
        // Stored times are RFC 3339 UTC text, ordered as text.
        let byThen = bound == nil ? "" : "AND createdAt <= ?"
        let arguments: StatementArguments = bound.map { [$0] } ?? []
        // The latest revision then: by the time index (a walk back through each release from
        // its newest revision reads most of it for a moment long ago); now: by number.
        let latest = bound == nil
            ? "SELECT releaseId, max(number) AS number FROM revision GROUP BY releaseId"
            : "SELECT releaseId, max(number) AS number FROM revision INDEXED BY revision_by_time WHERE createdAt <= ? GROUP BY releaseId"
        return try await read { db in
            var applied: [Int64: [ClusterRevision]] = [:]
            let events = try Row.fetchCursor(db, sql: """
                SELECT releaseId, context, server, revisionNumber, kind, createdAt FROM event WHERE id IN (
                    SELECT max(id) FROM event
                    WHERE kind IN ('apply', 'rollback') AND outcome IN (\(Self.appliedOutcomes))
                        AND context IS NOT NULL AND revisionNumber IS NOT NULL \(byThen)
                    GROUP BY releaseId, context, server)
                """, arguments: arguments)
            while let row = try events.next() {
                let cluster = ClusterTarget(context: try row.text("context", of: "event"), server: try row.optionalText("server", of: "event") ?? "")
                applied[try row.integer("releaseId", of: "event"), default: []].append(ClusterRevision(
                    cluster: cluster, revision: Int(try row.integer("revisionNumber", of: "event")),
                    kind: EventKind(rawValue: try row.text("kind", of: "event")),
                    at: Timestamp.parse(try row.text("createdAt", of: "event")) ?? Date(timeIntervalSince1970: 0)))
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT release.id, release.namespace, release.name, revision.number, revision.createdAt
                FROM (\(latest)) AS latest
                JOIN revision ON revision.releaseId = latest.releaseId AND revision.number = latest.number
                JOIN release ON release.id = latest.releaseId
                """, arguments: arguments)
            // Sorted here too, so that every store orders alike whatever its collation.
            return try rows.map { row in
                ReleaseState(release: try ReleaseID(row: row), latest: Int(try row.integer("number", of: "revision")),
                             changedAt: Timestamp.parse(try row.text("createdAt", of: "revision")) ?? Date(timeIntervalSince1970: 0),
                             applied: ClusterRevision.sorted(applied[try row.integer("id", of: "release")] ?? []))
            }.sorted { $0.release < $1.release }
        }
    }
}
