import KubernetesRules
import ObjectModel

/// Strategic merge patch (`application/strategic-merge-patch+json`, Kubernetes' behaviour): a JSON
/// merge patch in which lists with a patch merge key merge element by element, and `$patch`,
/// `$retainKeys`, `$setElementOrder/…` and `$deleteFromPrimitiveList/…` directives apply.
enum StrategicMerge {
    /// The patch merge key of the list field `field`; `nil` for a list a patch replaces whole.
    static func mergeKey(_ field: String) -> String? {
        ListMergeKey.forList(named: field)?.patchMergeKey
    }

    /// Lists of scalars with strategy `merge`: the patch's values are added to the live ones.
    static let mergedPrimitiveLists: Set<String> = ["finalizers"]

    /// The patched object.
    /// - Throws: a 400 Status for a directive the server would refuse.
    static func apply(_ patch: JSONValue, to original: JSONValue) throws(APIStatus) -> JSONValue {
        try mergeMap(original.objectValue ?? [:], patch.objectValue ?? [:]).map(JSONValue.object) ?? [:]
    }

    /// Merges two maps; `nil` when the patch asks to delete the map itself.
    private static func mergeMap(_ original: [String: JSONValue], _ patch: [String: JSONValue]) throws(APIStatus) -> [String: JSONValue]? {
        var patch = patch
        switch patch.removeValue(forKey: "$patch")?.stringValue {
        case "delete": return nil
        case "replace": return stripDirectives(patch)
        case nil, "merge": break
        case let other?: throw APIStatus.badRequest("Unknown patch type: \(other)")
        }
        var result = original
        if let retained = patch.removeValue(forKey: "$retainKeys")?.arrayValue {
            let keep = Set(retained.compactMap(\.stringValue))
            result = result.filter { keep.contains($0.key) }
        }
        var orders: [String: [JSONValue]] = [:]
        for (key, value) in patch {
            if key.hasPrefix("$setElementOrder/") {
                orders[String(key.dropFirst("$setElementOrder/".count))] = value.arrayValue ?? []
            } else if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let removed = value.arrayValue ?? []
                result[field] = result[field]?.arrayValue.map { JSONValue.array($0.filter { !removed.contains($0) }) }
            }
        }
        for (key, value) in patch where !key.hasPrefix("$") {
            result[key] = try mergeField(key, result[key], value)
        }
        for (field, order) in orders {
            if let items = result[field]?.arrayValue { result[field] = .array(ordered(items, by: order, key: mergeKey(field))) }
        }
        return result
    }

    private static func mergeField(_ name: String, _ original: JSONValue?, _ patch: JSONValue) throws(APIStatus) -> JSONValue? {
        switch patch {
        case .null:
            return nil
        case .object(let members):
            return try mergeMap(original?.objectValue ?? [:], members).map(JSONValue.object)
        case .array(let items):
            if let key = mergeKey(name) { return .array(try mergeList(original?.arrayValue ?? [], items, key: key)) }
            if mergedPrimitiveLists.contains(name) {
                let live = original?.arrayValue ?? []
                return .array(live + items.filter { !live.contains($0) })
            }
            return .array(items.map(stripDirectives))
        default:
            return patch
        }
    }

    private static func mergeList(_ original: [JSONValue], _ patch: [JSONValue], key: String) throws(APIStatus) -> [JSONValue] {
        if patch.contains(where: { $0["$patch"] == "replace" }) {
            return patch.filter { $0["$patch"] != "replace" }.map(stripDirectives)
        }
        var result = original
        for item in patch {
            guard let members = item.objectValue, let keyValue = members[key] else {
                throw APIStatus.badRequest("map: \(CanonicalJSON.compact(item)) does not contain declared merge key: \(key)")
            }
            let index = result.firstIndex { $0[key] == keyValue }
            if members["$patch"] == "delete" {
                if let index { result.remove(at: index) }
            } else if let index {
                result[index] = try mergeMap(result[index].objectValue ?? [:], members).map(JSONValue.object) ?? result[index]
            } else {
                result.append(stripDirectives(item))
            }
        }
        return result
    }

    /// Items in the order of `$setElementOrder`, the others after them in their order.
    private static func ordered(_ items: [JSONValue], by order: [JSONValue], key: String?) -> [JSONValue] {
        func identity(_ item: JSONValue) -> JSONValue { key.flatMap { item[$0] } ?? item }
        let wanted = order.map(identity)
        let listed = wanted.compactMap { want in items.first { identity($0) == want } }
        return listed + items.filter { !wanted.contains(identity($0)) }
    }

    /// A value with every `$…` directive removed, for parts the patch inserts whole.
    static func stripDirectives(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.filter { !$0.key.hasPrefix("$") }.mapValues(stripDirectives))
        case .array(let items):
            return .array(items.map(stripDirectives))
        default:
            return value
        }
    }

    private static func stripDirectives(_ members: [String: JSONValue]) -> [String: JSONValue] {
        members.filter { !$0.key.hasPrefix("$") }.mapValues(stripDirectives)
    }
}
