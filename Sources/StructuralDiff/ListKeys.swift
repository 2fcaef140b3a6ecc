import KubernetesRules
import ObjectModel

/// How Kubernetes matches the items of a list, by the list's field name (its merge strategy).
public enum ListMatching: Sendable, Hashable {
    /// Items are matched by these fields (`name`; `containerPort` and `protocol`; `devicePath`).
    case keyed([String])
    /// Order does not matter; equal items match.
    case set
    /// Items are matched by position.
    case positional

    /// The matching of the list at `path`, from its last field name (and its parent's): keyed
    /// lists by the `listMapKey` fields of ``KubernetesRules/ListMergeKey``.
    public static func forList(at path: FieldPath) -> ListMatching {
        let names = path.segments.compactMap { segment -> String? in
            if case .field(let name) = segment { return name }
            return nil
        }
        guard let field = names.last else { return .positional }
        if let keys = ListMergeKey.forList(named: field)?.listMapKeys { return .keyed(keys) }
        // Kubernetes replaces these lists whole (`+listType=atomic`), but their order means
        // nothing to the node: compare them as sets.
        if field == "tolerations" { return .set }
        if field == "add" || field == "drop", names.dropLast().last == "capabilities" { return .set }
        return .positional
    }

    /// The key of an item, with Kubernetes' default protocol filled in; `nil` when the item
    /// lacks the key (the list is then compared by position).
    func key(of item: JSONValue) -> String? {
        guard case .keyed(let fields) = self else { return nil }
        var parts: [String] = []
        for field in fields {
            switch item[field] {
            case .string(let text)?: parts.append(text)
            case .int(let number)?: parts.append(String(number))
            case nil:
                guard let value = ListMergeKey.defaultValue(ofKeyField: field) else { return nil }
                parts.append(value)
            default: return nil
            }
        }
        return parts.joined(separator: "/")
    }

    /// The path segment naming a keyed item: `[name=app]`, `[containerPort=80,protocol=TCP]`.
    /// Only the last key field may contain `/` (a `mountPath`), so the key splits from the left.
    func segment(key: String) -> FieldPath.Segment {
        guard case .keyed(let fields) = self, let first = fields.first else { return .index(0) }
        let values = key.split(separator: "/", maxSplits: fields.count - 1, omittingEmptySubsequences: false).map(String.init)
        let rest = zip(fields.dropFirst(), values.dropFirst()).map { ",\($0)=\($1)" }.joined()
        return .keyed(first, (values.first ?? "") + rest)
    }

    /// The key named by a segment's value, the inverse of ``segment(key:)``:
    /// `80,protocol=TCP` → `80/TCP`; a single-field value (a mount path) stays as it is.
    func key(segmentValue value: String) -> String {
        guard case .keyed(let fields) = self, fields.count > 1 else { return value }
        let parts = value.split(separator: ",", maxSplits: fields.count - 1, omittingEmptySubsequences: false)
        return parts.enumerated().map { offset, part in
            offset == 0 ? String(part) : String(part.dropFirst(fields[offset].count + 1))
        }.joined(separator: "/")
    }
}
