import Foundation
import History
import Ledger
import Logging
import ObjectModel
import PostgresNIO

/// Reads stored objects back by digest: a whole body, or a chain of deltas down to one, fetched
/// a level at a time for many objects at once. Recently read values are kept, so reading
/// consecutive versions (history, blame, verify) costs one delta each; stored objects never
/// change, so a kept value stays right.
final class ObjectCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [Data: JSONValue] = [:]
    private let capacity = 4096

    /// The values of `digests` (each must be stored).
    /// - Throws: ``StoreError/corrupt(location:detail:)`` when an object or a base it needs is
    ///   missing or its body cannot be read.
    func values(_ digests: [Data], connection: PostgresConnection, logger: Logger,
                location: String) async throws -> [Data: JSONValue] {
        var rows: [Data: (base: Data?, encoding: ObjectEncoding, body: Data)] = [:]
        var wanted = Set(digests).filter { known($0) == nil }
        while !wanted.isEmpty {
            let list = wanted.map { ByteBuffer(bytes: $0) }
            wanted = []
            let query: PostgresQuery = "SELECT digest, base_digest, encoding, body FROM object WHERE digest = ANY(\(list))"
            for try await (digest, base, encoding, body) in try await connection.query(query, logger: logger)
                .decode((Data, Data?, Int16, Data).self) {
                guard let kind = ObjectEncoding(rawValue: Int(encoding)) else {
                    throw StoreError.corrupt(location: location, detail: "object \(Self.name(digest)): unknown encoding")
                }
                rows[digest] = (base, kind, body)
                if kind.isDelta {
                    guard let base else { throw StoreError.corrupt(location: location, detail: "object \(Self.name(digest)): a delta without a base") }
                    if rows[base] == nil, known(base) == nil { wanted.insert(base) }
                }
            }
            if let gone = list.lazy.map({ Data($0.readableBytesView) }).first(where: { rows[$0] == nil }) {
                throw StoreError.corrupt(location: location, detail: "stored object \(Self.name(gone)) is missing")
            }
        }
        var found: [Data: JSONValue] = [:]
        for digest in digests { found[digest] = try value(digest, rows: rows, location: location, depth: 0) }
        return found
    }

    private func value(_ digest: Data, rows: [Data: (base: Data?, encoding: ObjectEncoding, body: Data)],
                       location: String, depth: Int) throws -> JSONValue {
        if let value = known(digest) { return value }
        guard depth <= RecordPlanner.maximumDepth + 1, let row = rows[digest] else {
            throw StoreError.corrupt(location: location, detail: "object \(Self.name(digest)): its chain of deltas is broken")
        }
        let base = try row.base.map { try value($0, rows: rows, location: location, depth: depth + 1) }
        do {
            let value = try ObjectBody.decode(row.body, encoding: row.encoding, base: base)
            keep(digest, value)
            return value
        } catch {
            throw StoreError.corrupt(location: location, detail: "object \(Self.name(digest)): \(error)")
        }
    }

    private func known(_ digest: Data) -> JSONValue? {
        lock.withLock { kept[digest] }
    }

    private func keep(_ digest: Data, _ value: JSONValue) {
        lock.withLock {
            if kept.count >= capacity { kept.removeAll(keepingCapacity: true) }
            kept[digest] = value
        }
    }

    static func name(_ digest: Data) -> String {
        "sha256:" + ContentDigest.hex(digest)
    }
}
