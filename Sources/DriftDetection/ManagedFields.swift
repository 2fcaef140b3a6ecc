import ObjectModel
import StructuralDiff

/// The field ownership a live object records in `metadata.managedFields`, and
/// who last wrote a given path.
///
/// `fieldsV1` keys are read as: `f:<name>` a field or map key, `k:{json}` an item of a keyed
/// list, `v:<json>` an item of a set, `i:<n>` a positional item, `.` the node itself. A path
/// inside an atomic field (a leaf such as `f:args` or `f:selector`) belongs to that field's
/// owner.
///
/// ```swift
/// let owner = ManagedFields(object: live).owner(of: path)   // kubectl-edit, Update, 2026-…
/// ```
public struct ManagedFields: Sendable {
    struct Entry: Sendable {
        var owner: FieldOwner
        var fields: JSONValue
    }

    let entries: [Entry]

    /// The entries of `object`'s `metadata.managedFields`; empty when it has none.
    public init(object: JSONValue) {
        let list = object["metadata"]?["managedFields"]?.arrayValue ?? []
        entries = list.compactMap { entry in
            guard let manager = entry["manager"]?.stringValue else { return nil }
            let owner = FieldOwner(manager: manager, operation: entry["operation"]?.stringValue ?? "",
                                   time: entry["time"]?.stringValue ?? "")
            return Entry(owner: owner, fields: entry["fieldsV1"] ?? .object([:]))
        }
    }

    /// True when the object recorded no ownership at all.
    public var isEmpty: Bool { entries.isEmpty }

    /// The manager that last wrote `path`: among the entries that own it (or an atomic field
    /// containing it), the one with the latest time; the later entry on a tie. `nil` when no
    /// entry owns it.
    public func owner(of path: FieldPath) -> FieldOwner? {
        var best: FieldOwner?
        for entry in entries where Self.owns(entry.fields, path) {
            if let current = best, current.time > entry.owner.time { continue }
            best = entry.owner
        }
        return best
    }

    /// The owner of a drift item's path: for a removed field, the owner of its parent.
    func owner(for item: DriftItem) -> FieldOwner? {
        guard !item.path.isEmpty else { return nil }
        if item.change == .removed {
            let parent = FieldPath(Array(item.path.segments.dropLast()))
            return parent.isEmpty ? nil : owner(of: parent)
        }
        return owner(of: item.path)
    }

    /// True when the field set `fields` holds `path`, or an atomic field on the way to it.
    static func owns(_ fields: JSONValue, _ path: FieldPath) -> Bool {
        var node = fields
        var walked = FieldPath()
        for segment in path.segments {
            guard let child = child(of: node, segment, listPath: walked) else {
                return !walked.isEmpty && isLeaf(node)
            }
            node = child
            walked = walked.appending(segment)
        }
        return true
    }

    private static func child(of node: JSONValue, _ segment: FieldPath.Segment, listPath: FieldPath) -> JSONValue? {
        guard case .object(let children) = node else { return nil }
        switch segment {
        case .field(let name), .key(let name):
            return children["f:" + name]
        case .index(let offset):
            return children["i:\(offset)"]
        case .keyed(let first, let value):
            guard case .keyed(let keyFields) = ListMatching.forList(at: listPath), keyFields.first == first else { return nil }
            for (key, child) in children where key.hasPrefix("k:") {
                guard let item = try? JSONValue(parsingJSON: String(key.dropFirst(2))) else { continue }
                if KeyedListItems.segmentValue(of: item, fields: keyFields) == value { return child }
            }
            return nil
        }
    }

    /// A node with no children (`{}`): an atomic field, owned as a whole.
    private static func isLeaf(_ node: JSONValue) -> Bool {
        guard case .object(let children) = node else { return true }
        return children.isEmpty
    }
}
