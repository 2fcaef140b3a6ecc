internal import GRDB
import Foundation
import Ledger
import ObjectModel

/// Reads stored objects back: a whole body, or a chain of deltas down to one. The values of
/// recently read objects are kept, so reading consecutive versions of an object (history,
/// blame, verify) costs one delta each. Stored objects never change, so a kept value stays right.
final class ObjectReader: @unchecked Sendable {
    private let path: String
    private let capacity: Int
    private let lock = NSLock()
    /// Values read, with how many deltas each was rebuilt through.
    private var kept: [Int64: (value: JSONValue, depth: Int)] = [:]

    init(path: String, capacity: Int = 1024) {
        self.path = path
        self.capacity = capacity
    }

    /// The value of object `id`.
    /// - Throws: ``StoreError/corrupt(location:detail:)`` when the object or a base it needs is
    ///   missing, a column holds a value of another type, its chain of deltas is longer than
    ///   recording ever makes one, or its body cannot be read (see ``ObjectBody/decode(_:encoding:base:)``).
    func value(of id: Int64, in db: Database) throws -> JSONValue {
        var pending: [(id: Int64, encoding: ObjectEncoding, body: Data)] = []
        var base: JSONValue?
        var depth = 0
        var next: Int64? = id
        while let current = next {
            if let known = lock.withLock({ kept[current] }) {
                base = known.value
                depth = known.depth
                break
            }
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT baseId, encoding, body FROM object WHERE id = ?"),
                                             arguments: [current]) else {
                throw damaged(id, current == id ? "it is missing" : "its base object \(current) is missing")
            }
            let stored: (encoding: ObjectEncoding, body: Data, base: Int64?)
            do {
                stored = try Self.columns(of: row)
            } catch {
                throw damaged(id, "\(error)")
            }
            pending.append((current, stored.encoding, stored.body))
            next = nil
            if stored.encoding.isDelta {
                // A base is always stored before the objects made from it, which also rules out cycles.
                guard let baseID = stored.base, baseID < current else { throw damaged(id, "a delta without an earlier base") }
                guard pending.count <= RecordPlanner.maximumDepth else { throw tooDeep(id) }
                next = baseID
            }
        }
        // Recording never builds a chain deeper than this; a longer one is a hand edit.
        guard depth + pending.count(where: \.encoding.isDelta) <= RecordPlanner.maximumDepth else { throw tooDeep(id) }
        for entry in pending.reversed() {
            do {
                let value = try ObjectBody.decode(entry.body, encoding: entry.encoding, base: base)
                depth = entry.encoding.isDelta ? depth + 1 : 0
                keep(entry.id, value, depth: depth)
                base = value
            } catch {
                throw damaged(id, "\(error)")
            }
        }
        guard let base else { throw damaged(id, "nothing to read") }
        return base
    }

    /// The encoding, body and base of an `object` row, read strictly.
    private static func columns(of row: Row) throws -> (encoding: ObjectEncoding, body: Data, base: Int64?) {
        let code = try row.integer("encoding", of: "object")
        guard let encoding = ObjectEncoding(rawValue: Int(code)) else { throw ObjectBodyError.unknownEncoding(code) }
        return (encoding, try row.blob("body", of: "object"), try row.optionalInteger("baseId", of: "object"))
    }

    private func keep(_ id: Int64, _ value: JSONValue, depth: Int) {
        lock.withLock {
            if kept.count >= capacity { kept.removeAll(keepingCapacity: true) }
            kept[id] = (value, depth)
        }
    }

    private func tooDeep(_ id: Int64) -> StoreError {
        damaged(id, "its chain of deltas is deeper than \(RecordPlanner.maximumDepth)")
    }

    private func damaged(_ id: Int64, _ detail: String) -> StoreError {
        .corrupt(location: path, detail: "object \(id): \(detail)")
    }
}
