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
    private var kept: [Int64: JSONValue] = [:]

    init(path: String, capacity: Int = 1024) {
        self.path = path
        self.capacity = capacity
    }

    /// The value of object `id`.
    /// - Throws: ``StoreError/corrupt(location:detail:)`` when the object or a base it needs is
    ///   missing or its body cannot be read.
    func value(of id: Int64, in db: Database) throws -> JSONValue {
        var pending: [(id: Int64, encoding: ObjectEncoding, body: Data)] = []
        var base: JSONValue?
        var next: Int64? = id
        while let current = next {
            if let known = lock.withLock({ kept[current] }) {
                base = known
                break
            }
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT baseId, encoding, body FROM object WHERE id = ?"),
                                             arguments: [current]) else {
                throw damaged(id, "stored object \(current) is missing")
            }
            guard let encoding = ObjectEncoding(rawValue: row["encoding"]) else { throw damaged(id, "unknown encoding") }
            pending.append((current, encoding, row["body"]))
            next = nil
            if encoding.isDelta {
                // A base is always stored before the objects made from it, which also rules out cycles.
                guard let baseID: Int64 = row["baseId"], baseID < current else { throw damaged(id, "a delta without an earlier base") }
                next = baseID
            }
        }
        for entry in pending.reversed() {
            do {
                let value = try ObjectBody.decode(entry.body, encoding: entry.encoding, base: base)
                keep(entry.id, value)
                base = value
            } catch {
                throw damaged(id, "\(error)")
            }
        }
        guard let base else { throw damaged(id, "nothing to read") }
        return base
    }

    private func keep(_ id: Int64, _ value: JSONValue) {
        lock.withLock {
            if kept.count >= capacity { kept.removeAll(keepingCapacity: true) }
            kept[id] = value
        }
    }

    private func damaged(_ id: Int64, _ detail: String) -> StoreError {
        .corrupt(location: path, detail: "object \(id): \(detail)")
    }
}
