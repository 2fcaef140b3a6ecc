import ObjectModel

/// The stored objects by key, remembering which ones changed since the last
/// ``takeChanges()`` so that watches learn of every write, whichever code
/// path made it (requests, the DaemonSet controller, kubelets, test hooks).
///
/// It reads like the dictionary it wraps: subscript, `keys`, `values`, `filter` (a
/// dictionary) and iteration over `(key, value)` pairs.
struct ObjectTable: Sendable, Sequence {
    private var storage: [ObjectKey: JSONValue] = [:]
    /// The value each changed key had before its first change since the last take.
    private var before: [ObjectKey: JSONValue?] = [:]

    /// One object's change between two takes: `old` is `nil` for a creation, `new` for a deletion.
    struct Change: Sendable {
        var key: ObjectKey
        var old: JSONValue?
        var new: JSONValue?
    }

    /// The object stored under `key`; setting it records the change.
    subscript(key: ObjectKey) -> JSONValue? {
        get { storage[key] }
        set {
            if before.index(forKey: key) == nil { before[key] = .some(storage[key]) }
            storage[key] = newValue
        }
    }

    /// Every key.
    var keys: Dictionary<ObjectKey, JSONValue>.Keys { storage.keys }

    /// Every object.
    var values: Dictionary<ObjectKey, JSONValue>.Values { storage.values }

    /// The objects satisfying `isIncluded`, as a dictionary.
    func filter(_ isIncluded: ((key: ObjectKey, value: JSONValue)) throws -> Bool) rethrows -> [ObjectKey: JSONValue] {
        try storage.filter(isIncluded)
    }

    /// Removes every object satisfying `shouldRemove`, recording each removal.
    mutating func removeAll(where shouldRemove: (ObjectKey) -> Bool) {
        for key in storage.keys where shouldRemove(key) { self[key] = nil }
    }

    func makeIterator() -> Dictionary<ObjectKey, JSONValue>.Iterator { storage.makeIterator() }

    /// The changes since the last take, forgetting them: an object created and deleted in
    /// between, or rewritten without a new resourceVersion, is no change.
    mutating func takeChanges() -> [Change] {
        guard !before.isEmpty else { return [] }
        let changes = before.compactMap { key, old -> Change? in
            let new = storage[key]
            switch (old, new) {
            case (nil, nil): return nil
            case (let old?, let new?) where Self.version(old) == Self.version(new): return nil
            default: return Change(key: key, old: old, new: new)
            }
        }
        before = [:]
        return changes
    }

    private static func version(_ object: JSONValue) -> String? { object["metadata"]?["resourceVersion"]?.stringValue }
}
