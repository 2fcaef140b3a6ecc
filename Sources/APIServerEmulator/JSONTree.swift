import ObjectModel

/// Reads and edits of a JSON document at a ``JSONPointer``, with RFC 6902's rules: the
/// parent of an added member must exist, array indices run from 0 to the count (`-`
/// appends), and removed or replaced targets must exist.
enum JSONTree {
    /// The value at `pointer`, or `nil` when it does not exist.
    static func value(at pointer: JSONPointer, in document: JSONValue) -> JSONValue? {
        var current = document
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let member = members[token] else { return nil }
                current = member
            case .array(let items):
                guard let index = JSONPointer.index(token), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// `document` with `value` added at `pointer`: a member set, or an element inserted.
    static func adding(_ value: JSONValue, at pointer: JSONPointer, to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        guard let last = pointer.tokens.last else { return value }
        return try editingParent(of: pointer, in: document, op: "add") { parent throws(JSONPatchError) in
            switch parent {
            case .object(var members):
                members[last] = value
                parent = .object(members)
            case .array(var items):
                guard let index = last == "-" ? items.count : JSONPointer.index(last), index <= items.count else {
                    throw .failed("add operation does not apply: invalid index in path: \(pointer)")
                }
                items.insert(value, at: index)
                parent = .array(items)
            default:
                throw .failed("add operation does not apply: doc is missing path: \(pointer)")
            }
        }
    }

    /// `document` without the value at `pointer`, which must exist.
    static func removing(_ pointer: JSONPointer, from document: JSONValue) throws(JSONPatchError) -> JSONValue {
        try editingTarget(pointer, in: document, op: "remove") { parent, last in
            switch parent {
            case .object(var members):
                members[last] = nil
                parent = .object(members)
            case .array(var items):
                items.remove(at: JSONPointer.index(last) ?? 0)
                parent = .array(items)
            default: break
            }
        }
    }

    /// `document` with the value at `pointer`, which must exist, replaced by `value`.
    static func replacing(_ pointer: JSONPointer, with value: JSONValue, in document: JSONValue) throws(JSONPatchError) -> JSONValue {
        guard !pointer.tokens.isEmpty else { return value }
        return try editingTarget(pointer, in: document, op: "replace") { parent, last in
            switch parent {
            case .object(var members):
                members[last] = value
                parent = .object(members)
            case .array(var items):
                items[JSONPointer.index(last) ?? 0] = value
                parent = .array(items)
            default: break
            }
        }
    }

    /// Whether two values are equal as JSON: numbers by value, members in any order.
    static func equivalent(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { equivalent($0.0, $0.1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equivalent(value, $0) } ?? false }
        default: return lhs == rhs
        }
    }

    /// Edits the container holding an existing target (the root cannot be removed).
    private static func editingTarget(_ pointer: JSONPointer, in document: JSONValue, op: String,
                                      _ edit: (inout JSONValue, String) -> Void) throws(JSONPatchError) -> JSONValue {
        guard let last = pointer.tokens.last, value(at: pointer, in: document) != nil else {
            throw .failed("\(op) operation does not apply: doc is missing path: \(pointer)")
        }
        return try editingParent(of: pointer, in: document, op: op) { parent in edit(&parent, last) }
    }

    /// Rewrites the parent of `pointer`'s target, which must exist.
    private static func editingParent(of pointer: JSONPointer, in document: JSONValue, op: String,
                                      _ edit: (inout JSONValue) throws(JSONPatchError) -> Void) throws(JSONPatchError) -> JSONValue {
        func rewrite(_ node: JSONValue, _ tokens: ArraySlice<String>) throws(JSONPatchError) -> JSONValue {
            guard let token = tokens.first else {
                var edited = node
                try edit(&edited)
                return edited
            }
            switch node {
            case .object(var members):
                guard let child = members[token] else { break }
                members[token] = try rewrite(child, tokens.dropFirst())
                return .object(members)
            case .array(var items):
                guard let index = JSONPointer.index(token), index < items.count else { break }
                items[index] = try rewrite(items[index], tokens.dropFirst())
                return .array(items)
            default: break
            }
            throw .failed("\(op) operation does not apply: doc is missing path: \(pointer)")
        }
        return try rewrite(document, pointer.tokens.dropLast()[...])
    }
}
