import KubernetesRules
import ObjectModel

/// The little schema knowledge server-side apply needs for the emulated kinds: which lists
/// merge by key, which fields are atomic, which are string maps.
enum FieldSchema {
    /// The key fields of the associative list `list`; `nil` for a list owned whole.
    static func listKeys(_ list: String) -> [String]? {
        ListMergeKey.forList(named: list)?.listMapKeys
    }

    /// Lists of scalars treated as sets (`v:` keys).
    static let setLists: Set<String> = ["finalizers"]

    /// Object fields replaced and owned as a whole.
    static let atomicFields: Set<String> = ["selector", "matchLabels", "matchExpressions"]

    /// Fields typed `map[string]…`: their node itself is owned (`.`).
    static let mapFields: Set<String> = [
        "labels", "annotations", "data", "stringData", "binaryData", "nodeSelector", "limits", "requests",
    ]

    /// The `k:` key of an associative-list element, or `nil` when it lacks its key fields.
    static func elementToken(list: String, element: JSONValue) -> String? {
        guard let keys = listKeys(list), let key = elementKey(list: list, keys: keys, element: element) else { return nil }
        return "k:" + CanonicalJSON.compact(key)
    }

    /// The key fields of an element, with a left-out key field defaulted as the server does
    /// (`protocol`: `TCP`).
    static func elementKey(list: String, keys: [String], element: JSONValue) -> JSONValue? {
        var key: [String: JSONValue] = [:]
        for name in keys {
            if let value = element[name] {
                key[name] = value
            } else if let value = ListMergeKey.defaultValue(ofKeyField: name) {
                key[name] = .string(value)
            } else {
                return nil
            }
        }
        return .object(key)
    }
}
