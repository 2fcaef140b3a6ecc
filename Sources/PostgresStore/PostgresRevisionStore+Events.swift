import Foundation
import Ledger
import PostgresNIO

extension PostgresRevisionStore {
    public func events(of release: ReleaseID, kinds: [EventKind], limit: Int) async throws(StoreError) -> [Event] {
        let kinds = kinds.map(\.rawValue)
        return try await run { connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: PostgresRows.eventColumns) FROM event
                WHERE release_id = (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                    AND (cardinality(\(kinds)::text[]) = 0 OR kind = ANY(\(kinds)::text[]))
                ORDER BY id DESC LIMIT \(Int64(limit))
                """, logger: self.logger).collect()
            return try rows.map { try PostgresRows.event($0, release: release) }
        }
    }

    public func lastApplied(of release: ReleaseID, cluster: ClusterTarget) async throws(StoreError) -> Int? {
        let applied = EventOutcome.applied.map(\.rawValue)
        return try await run { connection in
            try await connection.query("""
                SELECT revision_number FROM event
                WHERE release_id = (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                    AND context = \(cluster.context) AND server = \(cluster.server) AND kind IN ('apply', 'rollback')
                    AND outcome = ANY(\(applied)::text[])
                ORDER BY id DESC LIMIT 1
                """, logger: self.logger).collect().first?.decode(Int32?.self).map(Int.init)
        }
    }

    public func deployments(of release: ReleaseID, revisions: [Int]) async throws(StoreError) -> [Int: Event] {
        guard !revisions.isEmpty else { return [:] }
        let numbers = revisions.map { Int32(clamping: $0) }
        return try await run { connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: PostgresRows.eventColumns) FROM event WHERE id IN (
                    SELECT max(id) FROM event
                    WHERE release_id = (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                        AND kind IN ('apply', 'rollback') AND outcome <> 'recorded' AND outcome <> 'unchanged'
                        AND revision_number = ANY(\(numbers))
                    GROUP BY revision_number)
                """, logger: self.logger).collect()
            var found: [Int: Event] = [:]
            for row in rows {
                let event = try PostgresRows.event(row, release: release)
                if let number = event.draft.revision { found[number] = event }
            }
            return found
        }
    }

    public func releasesApplied(to cluster: ClusterTarget) async throws(StoreError) -> [AppliedRelease] {
        let applied = EventOutcome.applied.map(\.rawValue)
        return try await run { connection in
            var found: [AppliedRelease] = []
            for try await (namespace, name, number) in try await connection.query("""
                SELECT r.namespace, r.name, e.revision_number FROM event e JOIN release r ON r.id = e.release_id
                WHERE e.id IN (
                    SELECT max(id) FROM event
                    WHERE context = \(cluster.context) AND server = \(cluster.server) AND kind IN ('apply', 'rollback')
                        AND outcome = ANY(\(applied)::text[])
                    GROUP BY release_id)
                ORDER BY r.namespace, r.name
                """, logger: self.logger).decode((String, String, Int32).self) {
                found.append(AppliedRelease(release: ReleaseID(namespace: namespace, name: name), revision: Int(number)))
            }
            return found
        }
    }
}
