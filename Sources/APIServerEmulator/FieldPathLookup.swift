import ObjectModel

/// Reads and removes values of an object at a `fieldsV1` path (see ``FieldSet``).
enum FieldPathLookup {
    /// The value at `path`; `.` names the node reached so far. `nil` when absent.
    static func value(at path: [String], in object: JSONValue) -> JSONValue? {
        var current = object
        var listName = ""
        for token in path {
            if token == "." { return current }
            if token.hasPrefix("f:") {
                listName = String(token.dropFirst(2))
                guard let next = current[listName] else { return nil }
                current = next
            } else if token.hasPrefix("k:") || token.hasPrefix("v:") {
                guard let items = current.arrayValue, let index = index(of: token, list: listName, in: items) else { return nil }
                current = items[index]
            } else {
                return nil
            }
        }
        return current
    }

    /// The object with the value at `path` removed (a `.` path removes the node itself).
    static func removing(_ path: ArraySlice<String>, from node: JSONValue, listName: String = "") -> JSONValue {
        guard let token = path.first else { return node }
        let rest = path.dropFirst()
        if token.hasPrefix("f:"), case .object(var members) = node {
            let name = String(token.dropFirst(2))
            guard let child = members[name] else { return node }
            if rest.isEmpty || rest == ["."] { members[name] = nil } else {
                let remaining = removing(rest, from: child, listName: name)
                // A list or map emptied by the removal goes too, as no manager owns anything in it.
                members[name] = remaining.arrayValue?.isEmpty == true || remaining.objectValue?.isEmpty == true ? nil : remaining
            }
            return .object(members)
        }
        if token.hasPrefix("k:") || token.hasPrefix("v:"), case .array(var items) = node,
           let index = index(of: token, list: listName, in: items) {
            if rest.isEmpty || rest == ["."] { items.remove(at: index) } else {
                items[index] = removing(rest, from: items[index])
            }
            return .array(items)
        }
        return node
    }

    private static func index(of token: String, list: String, in items: [JSONValue]) -> Int? {
        if token.hasPrefix("v:") {
            return items.firstIndex { "v:" + CanonicalJSON.compact($0) == token }
        }
        return items.firstIndex { FieldSchema.elementToken(list: list, element: $0) == token }
    }
}
