import Foundation
import History
import Ledger
import NIOCore
import ObjectModel
import PostgresNIO

extension PostgresRevisionStore {
    public func revisions(of release: ReleaseID, limit: Int, before: Int?) async throws(StoreError) -> [Revision] {
        try await run { connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: PostgresRows.revisionColumns) FROM revision
                WHERE release_id = (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                    AND number < \(Int64(before ?? Int(Int32.max))) ORDER BY number DESC LIMIT \(Int64(limit))
                """, logger: self.logger).collect()
            return try rows.map { try PostgresRows.revision($0, release: release) }
        }
    }

    public func revision(of release: ReleaseID, number: Int) async throws(StoreError) -> Revision? {
        try await run { connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: PostgresRows.revisionColumns) FROM revision
                WHERE release_id = (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                    AND number = \(Int32(clamping: number))
                """, logger: self.logger).collect()
            return try rows.first.map { try PostgresRows.revision($0, release: release) }
        }
    }

    public func objects(of release: ReleaseID, number: Int) async throws(StoreError) -> [JSONValue] {
        let location = location
        return try await run { connection in
            var digests: [Data] = []
            for try await digest in try await connection.query("""
                SELECT ro.object_digest FROM revision_object ro JOIN release r ON r.id = ro.release_id
                WHERE r.namespace = \(release.namespace) AND r.name = \(release.name) AND ro.number = \(Int32(clamping: number))
                ORDER BY ro.position
                """, logger: self.logger).decode(Data.self) {
                digests.append(digest)
            }
            let values = try await self.objects.values(digests, connection: connection, logger: self.logger, location: location)
            return digests.compactMap { values[$0] }
        }
    }

    public func objectReferences(of release: ReleaseID, numbers: ClosedRange<Int>) async throws(StoreError) -> [Int: [ObjectReference]] {
        try await run { connection in
            var found: [Int: [ObjectReference]] = [:]
            for try await (number, apiVersion, kind, namespace, name, digest) in try await connection.query("""
                SELECT ro.number, o.api_version, o.kind, o.namespace, o.name, o.digest
                FROM revision_object ro JOIN object o ON o.digest = ro.object_digest
                WHERE ro.release_id = (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                    AND ro.number BETWEEN \(Int32(clamping: numbers.lowerBound)) AND \(Int32(clamping: numbers.upperBound))
                ORDER BY ro.number, ro.position
                """, logger: self.logger).decode((Int32, String, String, String?, String, Data).self) {
                found[Int(number), default: []].append(ObjectReference(apiVersion: apiVersion, kind: kind, namespace: namespace,
                                                                       name: name, digest: DigestColumn.text(digest)))
            }
            return found
        }
    }

    public func objects(withDigests digests: [String]) async throws(StoreError) -> [String: JSONValue] {
        let location = location
        return try await run { connection in
            let wanted = Set(digests).compactMap(DigestColumn.bytes).map { ByteBuffer(bytes: $0) }
            var present: [Data] = []
            for try await digest in try await connection.query("SELECT digest FROM object WHERE digest = ANY(\(wanted))",
                                                               logger: self.logger).decode(Data.self) {
                present.append(digest)
            }
            let values = try await self.objects.values(present, connection: connection, logger: self.logger, location: location)
            return Dictionary(uniqueKeysWithValues: values.map { (DigestColumn.text($0.key), $0.value) })
        }
    }

    public func spec(of release: ReleaseID, number: Int) async throws(StoreError) -> JSONValue {
        let location = location
        return try await run { connection in
            let rows = try await connection.query("""
                SELECT v.spec_digest FROM revision v JOIN release r ON r.id = v.release_id
                WHERE r.namespace = \(release.namespace) AND r.name = \(release.name) AND v.number = \(Int32(clamping: number))
                """, logger: self.logger).collect()
            guard let digest = try rows.first?.decode(Data.self) else { return .null }
            return try await self.objects.values([digest], connection: connection, logger: self.logger, location: location)[digest] ?? .null
        }
    }

    public func secretHashes(of release: ReleaseID, number: Int) async throws(StoreError) -> [SecretHash] {
        try await run { connection in
            var hashes: [SecretHash] = []
            for try await (secret, key, hmac) in try await connection.query("""
                SELECT s.secret_name, s.key, s.hmac FROM secret_hash s JOIN release r ON r.id = s.release_id
                WHERE r.namespace = \(release.namespace) AND r.name = \(release.name) AND s.number = \(Int32(clamping: number))
                ORDER BY s.secret_name, s.key
                """, logger: self.logger).decode((String, String, String).self) {
                hashes.append(SecretHash(secret: secret, key: key, hmac: hmac))
            }
            return hashes
        }
    }

    public func releases() async throws(StoreError) -> [ReleaseID] {
        try await run { connection in
            var found: [ReleaseID] = []
            for try await (namespace, name) in try await connection.query("SELECT namespace, name FROM release ORDER BY namespace, name",
                                                                          logger: self.logger).decode((String, String).self) {
                found.append(ReleaseID(namespace: namespace, name: name))
            }
            return found
        }
    }

    public func namespaces(ofReleaseNamed name: String) async throws(StoreError) -> [String] {
        try await run { connection in
            var found: [String] = []
            for try await namespace in try await connection.query("""
                SELECT namespace FROM release r WHERE name = \(name) AND EXISTS (SELECT 1 FROM revision v WHERE v.release_id = r.id)
                ORDER BY namespace
                """, logger: self.logger).decode(String.self) {
                found.append(namespace)
            }
            return found
        }
    }

    public func origins(of release: ReleaseID, prefix: String) async throws(StoreError) -> Set<String> {
        try await run { connection in
            var found = Set<String>()
            let pattern = prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            for try await origin in try await connection.query("""
                WITH r AS (SELECT id FROM release WHERE namespace = \(release.namespace) AND name = \(release.name))
                SELECT origin FROM revision WHERE release_id = (SELECT id FROM r) AND origin LIKE \(pattern)
                UNION SELECT origin FROM event WHERE release_id = (SELECT id FROM r) AND origin LIKE \(pattern)
                """, logger: self.logger).decode(String.self) {
                found.insert(origin)
            }
            return found
        }
    }

    public func hasRevisions() async throws(StoreError) -> Bool {
        try await run { connection in
            try await connection.query("SELECT EXISTS (SELECT 1 FROM revision)", logger: self.logger).collect().first?.decode(Bool.self) ?? false
        }
    }

    public func everyObject() async throws(StoreError) -> [JSONValue] {
        let location = location
        return try await run { connection in
            var digests: [Data] = []
            for try await digest in try await connection.query("SELECT digest FROM object ORDER BY stored", logger: self.logger).decode(Data.self) {
                digests.append(digest)
            }
            let values = try await self.objects.values(digests, connection: connection, logger: self.logger, location: location)
            return digests.compactMap { values[$0] }
        }
    }

    public func settings() async throws(StoreError) -> [String: String] {
        try await run { connection in
            var found: [String: String] = [:]
            for try await (name, value) in try await connection.query("SELECT name, value FROM setting", logger: self.logger)
                .decode((String, String).self) {
                found[name] = value
            }
            return found
        }
    }

    public func adoptSetting(_ name: String, value: String) async throws(StoreError) -> String {
        if let readOnly { throw readOnly }
        return try await transaction { connection in
            try await connection.query("INSERT INTO setting (name, value) VALUES (\(name), \(value)) ON CONFLICT (name) DO NOTHING",
                                       logger: self.logger)
            return try await connection.query("SELECT value FROM setting WHERE name = \(name)", logger: self.logger)
                .collect().first?.decode(String.self) ?? value
        }
    }
}
