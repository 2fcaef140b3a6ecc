import ObjectModel

/// A set of owned fields in `managedFields`, as paths of `fieldsV1` keys.
///
/// A path is the list of keys from the root, such as `["f:spec", "f:template", "f:spec",
/// "f:containers", "k:{\"name\":\"app\"}", "f:image"]`; a path ending in `.` means the node itself
/// is owned. Converting to and from the `fieldsV1` tree is lossless.
struct FieldSet: Sendable, Hashable {
    /// Every owned path, each ending at a leaf (`{}`) of the `fieldsV1` tree.
    var paths: Set<[String]>

    /// A set holding these paths.
    init(paths: Set<[String]> = []) { self.paths = paths }

    /// The set a `fieldsV1` tree describes.
    init(fieldsV1 tree: JSONValue) {
        var paths: Set<[String]> = []
        func walk(_ node: JSONValue, _ prefix: [String]) {
            guard let members = node.objectValue else { return }
            for (key, child) in members {
                if let grand = child.objectValue, !grand.isEmpty { walk(child, prefix + [key]) } else { paths.insert(prefix + [key]) }
            }
        }
        walk(tree, [])
        self.paths = paths
    }

    /// The fields of an object, as an Apply operation owns them: every field present, list
    /// elements of associative lists by key, atomic fields as one leaf. Server-managed metadata
    /// and `status` are left out.
    init(ownedBy object: JSONValue) {
        var paths: Set<[String]> = []
        FieldSet.collect(object, prefix: [], into: &paths)
        paths = paths.filter { !FieldSet.isServerManaged($0) }
        self.paths = paths
    }

    /// Whether no field is owned.
    var isEmpty: Bool { paths.isEmpty }

    /// The `fieldsV1` tree.
    var fieldsV1: JSONValue {
        var root: JSONValue = [:]
        for path in paths { Self.insert(path[...], into: &root) }
        return root
    }

    /// The fields of `new` whose value `old` does not have: what an Update operation claims.
    static func changed(from old: JSONValue?, to new: JSONValue) -> FieldSet {
        let all = FieldSet(ownedBy: new)
        return FieldSet(paths: all.paths.filter { path in
            let before = old.flatMap { FieldPathLookup.value(at: path, in: $0) }
            let after = FieldPathLookup.value(at: path, in: new)
            if path.last == "." { return before == nil }
            return before != after
        })
    }

    private static func insert(_ path: ArraySlice<String>, into node: inout JSONValue) {
        guard let head = path.first, case .object(var members) = node else { return }
        var child = members[head] ?? [:]
        if path.count > 1 { insert(path.dropFirst(), into: &child) }
        members[head] = child
        node = .object(members)
    }

    private static func collect(_ value: JSONValue, prefix: [String], into paths: inout Set<[String]>) {
        guard let members = value.objectValue else { return }
        for (name, child) in members {
            let path = prefix + ["f:" + name]
            switch child {
            case .object(let inner) where !inner.isEmpty && !FieldSchema.atomicFields.contains(name):
                if FieldSchema.mapFields.contains(name) { paths.insert(path + ["."]) }
                collect(child, prefix: path, into: &paths)
            case .array(let items) where FieldSchema.listKeys(name) != nil && !items.isEmpty:
                for item in items {
                    guard let token = FieldSchema.elementToken(list: name, element: item) else { continue }
                    paths.insert(path + [token, "."])
                    collect(item, prefix: path + [token], into: &paths)
                }
            case .array(let items) where FieldSchema.setLists.contains(name) && !items.isEmpty:
                for item in items { paths.insert(path + ["v:" + CanonicalJSON.compact(item)]) }
            default:
                paths.insert(path)
            }
        }
    }

    private static func isServerManaged(_ path: [String]) -> Bool {
        guard let first = path.first else { return true }
        if first == "f:status" || first == "f:apiVersion" || first == "f:kind" { return true }
        guard first == "f:metadata", path.count > 1 else { return false }
        return ["f:uid", "f:resourceVersion", "f:generation", "f:creationTimestamp", "f:managedFields",
                "f:name", "f:namespace", "f:selfLink", "f:deletionTimestamp"].contains(path[1])
    }
}
