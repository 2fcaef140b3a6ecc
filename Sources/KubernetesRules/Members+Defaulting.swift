import ObjectModel

/// The members of a JSON object, as every defaulter edits them.
typealias Members = [String: JSONValue]

extension Dictionary where Key == String, Value == JSONValue {
    /// True when `key` is missing or explicitly `null` — both decode to a nil Go pointer.
    func isAbsent(_ key: String) -> Bool {
        guard let value = self[key] else { return true }
        return value == .null
    }

    /// Sets `key` when it is missing or `null` (a nil pointer on the server).
    mutating func fill(_ key: String, with value: JSONValue) {
        if isAbsent(key) { self[key] = value }
    }

    /// Sets `key` when it is missing, `null` or `""`: an `omitempty` string the server defaults.
    mutating func fillEmptyString(_ key: String, with value: String) {
        if isAbsent(key) || self[key] == .string("") { self[key] = .string(value) }
    }

    /// Sets `key` when it is missing, `null` or `0`: an `omitempty` integer the server defaults.
    mutating func fillZero(_ key: String, with value: Int64) {
        if isAbsent(key) || self[key] == .int(0) { self[key] = .int(value) }
    }

    /// Edits the object at `key` in place; nothing happens when it is not an object.
    mutating func edit(_ key: String, _ body: (inout Members) -> Void) {
        guard case .object(var members)? = self[key] else { return }
        body(&members)
        self[key] = .object(members)
    }

    /// Edits every object element of the array at `key`; other elements are left alone.
    mutating func editEach(_ key: String, _ body: (inout Members) -> Void) {
        guard case .array(let items)? = self[key] else { return }
        self[key] = .array(items.map { item in
            guard case .object(var members) = item else { return item }
            body(&members)
            return .object(members)
        })
    }
}

extension JSONValue {
    /// Edits this value in place when it is an object.
    mutating func editObject(_ body: (inout Members) -> Void) {
        guard case .object(var members) = self else { return }
        body(&members)
        self = .object(members)
    }
}
