import Foundation
import History
import Ledger
import PostgresNIO

/// Questions across releases: `history` with conditions, and `releases`. Absent conditions are
/// bound as NULL: the server plans each (unnamed) statement with its values, so they cost nothing.
/// One release is matched by its id, found first: matched through the join, the planner guessed
/// a release to hold a few hundred revisions and read all 100,000 of a long one to sort them
/// (70 ms instead of 0.4 for the first page). `lower(… COLLATE "C")` folds ASCII letters only,
/// whatever the database's locale, like SQLite's `lower`, so both stores match alike (and it is
/// 30 times faster than `translate`, measured).
extension PostgresRevisionStore {
    public func revisions(matching query: RevisionQuery, limit: Int, after cursor: RevisionCursor?) async throws(StoreError) -> [Revision] {
        let namespace = query.release?.namespace, name = query.release?.name
        let afterNumber = cursor.map { Int32(clamping: $0.number) }
        let afterTime = query.release == nil ? cursor?.createdAt : nil
        let order = query.release == nil ? "v.created_at DESC, v.release_id DESC, v.number DESC" : "v.number DESC"
        return try await run { connection in
            let rows = try await connection.query("""
                SELECT r.namespace AS release_namespace, r.name AS release_name, \(unescaped: Self.prefixed(PostgresRows.revisionColumns))
                FROM revision v JOIN release r ON r.id = v.release_id
                WHERE (\(namespace)::text IS NULL
                        OR v.release_id = (SELECT id FROM release WHERE namespace = \(namespace) AND name = \(name)))
                    AND (\(afterNumber)::integer IS NULL OR \(namespace)::text IS NULL OR v.number < \(afterNumber))
                    AND (\(afterTime)::timestamptz IS NULL OR (v.created_at, v.release_id, v.number) < (\(afterTime),
                        coalesce((SELECT id FROM release WHERE namespace = \(cursor?.release.namespace) AND name = \(cursor?.release.name)), 0),
                        \(afterNumber)))
                    AND (\(query.since)::timestamptz IS NULL OR v.created_at >= \(query.since))
                    AND (\(query.until)::timestamptz IS NULL OR v.created_at < \(query.until))
                    AND (\(query.foldedAuthor)::text IS NULL OR strpos(lower(v.author COLLATE "C"), \(query.foldedAuthor)) > 0)
                    AND (\(query.image)::text IS NULL OR ((strpos(v.images, \(query.image)) > 0 OR strpos(v.images, '\\') > 0)
                        AND EXISTS (SELECT 1 FROM json_array_elements_text(v.images::json) AS i (image) WHERE strpos(i.image, \(query.image)) > 0)))
                ORDER BY \(unescaped: order) LIMIT \(Int64(limit))
                """, logger: self.logger).collect()
            return try rows.map { row in
                let cells = row.makeRandomAccess()
                let release = ReleaseID(namespace: try cells["release_namespace"].decode(String.self),
                                        name: try cells["release_name"].decode(String.self))
                return try PostgresRows.revision(row, release: release)
            }
        }
    }

    public func releaseStates(at moment: Date?) async throws(StoreError) -> [ReleaseState] {
        let applied = EventOutcome.applied.map(\.rawValue)
        return try await run { connection in
            var clusters: [Int64: [ClusterRevision]] = [:]
            for try await (releaseID, context, server, number, kind, at) in try await connection.query("""
                SELECT DISTINCT ON (release_id, context, server) release_id, context, coalesce(server, ''), revision_number, kind, created_at
                FROM event
                WHERE kind IN ('apply', 'rollback') AND outcome = ANY(\(applied)::text[]) AND context IS NOT NULL
                    AND revision_number IS NOT NULL AND (\(moment)::timestamptz IS NULL OR created_at <= \(moment))
                ORDER BY release_id, context, server, id DESC
                """, logger: self.logger).decode((Int64, String, String, Int32, String, Date).self) {
                clusters[releaseID, default: []].append(ClusterRevision(cluster: ClusterTarget(context: context, server: server),
                                                                        revision: Int(number), kind: EventKind(rawValue: kind), at: at))
            }
            var states: [ReleaseState] = []
            for try await (releaseID, namespace, name, number, at) in try await connection.query("""
                SELECT r.id, r.namespace, r.name, v.number, v.created_at FROM release r
                CROSS JOIN LATERAL (
                    SELECT number, created_at FROM revision
                    WHERE release_id = r.id AND (\(moment)::timestamptz IS NULL OR created_at <= \(moment))
                    ORDER BY number DESC LIMIT 1) v
                ORDER BY r.namespace, r.name
                """, logger: self.logger).decode((Int64, String, String, Int32, Date).self) {
                states.append(ReleaseState(release: ReleaseID(namespace: namespace, name: name), latest: Int(number), changedAt: at,
                                           applied: ClusterRevision.sorted(clusters[releaseID] ?? [])))
            }
            return states.sorted { $0.release < $1.release }
        }
    }

    /// `a, b` as `v.a, v.b`.
    static func prefixed(_ columns: String) -> String {
        columns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }
}
