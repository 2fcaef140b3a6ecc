import ObjectModel
import StructuralDiff

/// Pairs each applied object with its live counterpart.
///
/// Objects match by kind, namespace and name; the apiVersion may differ (a last-applied
/// configuration written through `extensions/v1beta1` is read back as `apps/v1`). An applied
/// object without a namespace matches a live object of any namespace, and a live object
/// without kind (an item of a List, as the server sends it) matches by name and takes the applied
/// object's kind and apiVersion.
enum ObjectMatching {
    /// What an applied and a live object are matched by: an ``ObjectIdentity`` without its
    /// apiVersion, which may differ between the two sides.
    struct Key: Hashable {
        var kind: String
        var namespace: String?
        var name: String
    }

    /// The live object for each applied one, in the applied order; `nil` when it is gone.
    static func pairs(applied: [JSONValue], live: [JSONValue]) -> [(applied: JSONValue, live: JSONValue?)] {
        var exact: [Key: JSONValue] = [:]
        var byName: [String: [JSONValue]] = [:]
        for object in live {
            let key = key(of: object)
            if exact[key] == nil { exact[key] = object }
            byName[key.name, default: []].append(object)
        }
        return applied.map { object in
            let wanted = key(of: object)
            if let found = exact[wanted] { return (object, found) }
            let candidates = (byName[wanted.name] ?? []).filter { candidate in
                let have = key(of: candidate)
                return (have.kind == wanted.kind || have.kind.isEmpty)
                    && (wanted.namespace == nil || have.namespace == nil || have.namespace == wanted.namespace)
            }
            guard let found = candidates.first else { return (object, nil) }
            return (object, filledIdentity(found, from: object))
        }
    }

    static func key(of object: JSONValue) -> Key {
        Key(kind: object["kind"]?.stringValue ?? "", namespace: object["metadata"]?["namespace"]?.stringValue,
            name: object["metadata"]?["name"]?.stringValue ?? "")
    }

    /// `live` with the kind and apiVersion of `applied` when it has none.
    static func filledIdentity(_ live: JSONValue, from applied: JSONValue) -> JSONValue {
        var copy = live
        for field in ["kind", "apiVersion"] where copy[field] == nil || copy[field] == .null {
            copy[field] = applied[field]
        }
        return copy
    }

    /// The normalised applied object given the live object's apiVersion and namespace, so that
    /// both have one identity.
    static func aligned(_ expected: JSONValue, with live: JSONValue) -> JSONValue {
        var copy = expected
        if let apiVersion = live["apiVersion"], apiVersion != .null { copy["apiVersion"] = apiVersion }
        copy["metadata"]?["namespace"] = live["metadata"]?["namespace"]
        return copy
    }
}
