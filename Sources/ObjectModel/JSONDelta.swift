/// The changes that turn one JSON value into another, as a small JSON value of its own: the
/// store keeps each new version of an object as its changes against the previous version.
///
/// A delta is an array of operations, each an array whose first element is a JSON Pointer
/// (RFC 6901) into the value being changed:
/// - `[pointer, value]` sets the member or element at `pointer` (the whole value for `""`);
/// - `[pointer]` removes the member at `pointer`.
///
/// Operations are sorted by pointer; no two touch the same path, so their order does not matter.
///
/// Objects are compared member by member and arrays of equal length element by element; any
/// other difference (an array that grew or shrank, a changed type or scalar) replaces the value
/// whole. Applying `operations(from: a, to: b)` to `a` gives exactly `b`.
public enum JSONDelta {
    /// The operations that turn `old` into `new`, in a stable order (members by key).
    public static func operations(from old: JSONValue, to new: JSONValue) -> JSONValue {
        var operations: [JSONValue] = []
        var path: [String] = []
        collect(old, new, path: &path, into: &operations)
        // Operations touch distinct paths, so their order is free: by pointer, for stable bytes.
        return .array(operations.sorted { ($0.arrayValue?.first?.stringValue ?? "") < ($1.arrayValue?.first?.stringValue ?? "") })
    }

    /// `base` with `operations` applied.
    /// - Throws: ``JSONDeltaError`` when the operations are malformed or do not fit `base`.
    public static func applying(_ operations: JSONValue, to base: JSONValue) throws(JSONDeltaError) -> JSONValue {
        guard case .array(let list) = operations else { throw .malformed("a delta is an array of operations") }
        var value = base
        for operation in list {
            guard case .array(let parts) = operation, (1...2).contains(parts.count), let pointer = parts[0].stringValue else {
                throw .malformed("an operation is [pointer] or [pointer, value]")
            }
            let tokens = try Self.tokens(of: pointer)
            try update(&value, tokens[...], with: parts.count == 2 ? parts[1] : nil)
        }
        return value
    }

    /// Walks both values once: containers are compared member by member rather than tested for
    /// equality first (which would compare every subtree again at each level), and a pointer is
    /// spelt only for a member that changed.
    private static func collect(_ old: JSONValue, _ new: JSONValue, path: inout [String], into operations: inout [JSONValue]) {
        switch (old, new) {
        case (.object(let before), .object(let after)):
            var kept = 0
            for (key, value) in after {
                path.append(key)
                if let previous = before[key] {
                    kept += 1
                    collect(previous, value, path: &path, into: &operations)
                } else {
                    operations.append(.array([.string(pointer(path)), value]))
                }
                path.removeLast()
            }
            // Every earlier key is still there (the common case): nothing was removed.
            guard kept < before.count else { break }
            for key in before.keys where after[key] == nil {
                path.append(key)
                operations.append(.array([.string(pointer(path))]))
                path.removeLast()
            }
        case (.array(let before), .array(let after)) where before.count == after.count:
            for index in before.indices {
                path.append(String(index))
                collect(before[index], after[index], path: &path, into: &operations)
                path.removeLast()
            }
        default:
            if old != new { operations.append(.array([.string(pointer(path)), new])) }
        }
    }

    static func pointer(_ path: [String]) -> String {
        path.map { "/" + escaped($0) }.joined()
    }

    private static func update(_ value: inout JSONValue, _ tokens: ArraySlice<String>, with new: JSONValue?) throws(JSONDeltaError) {
        guard let token = tokens.first else {
            guard let new else { throw .malformed("the whole value cannot be removed") }
            value = new
            return
        }
        let rest = tokens.dropFirst()
        switch value {
        case .object(var members):
            value = .null  // drop the second reference so the members are changed in place
            if rest.isEmpty {
                guard new != nil || members[token] != nil else { throw .malformed("no member \(token) to remove") }
                members[token] = new
            } else {
                guard var child = members[token] else { throw .malformed("no member \(token) to change") }
                members[token] = nil
                try update(&child, rest, with: new)
                members[token] = child
            }
            value = .object(members)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { throw .malformed("no element \(token) to change") }
            value = .null
            if rest.isEmpty {
                guard let new else { throw .malformed("array elements are replaced, not removed") }
                items[index] = new
            } else {
                try update(&items[index], rest, with: new)
            }
            value = .array(items)
        default:
            throw .malformed("\(token) is inside a scalar")
        }
    }

    private static func escaped(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func tokens(of pointer: String) throws(JSONDeltaError) -> [String] {
        guard !pointer.isEmpty else { return [] }
        guard pointer.hasPrefix("/") else { throw .malformed("a pointer starts with /") }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { token in
            token.contains("~") ? token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String(token)
        }
    }
}

/// A delta that cannot be applied.
public enum JSONDeltaError: Error, Equatable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed delta: \(detail)"
        }
    }
}
