import ObjectModel

/// One normalisation rule: a pure rewrite of a Kubernetes object that removes a difference the
/// server (or serialisation) makes which is not drift.
///
/// Rules run in a fixed order (see ``DriftNormalization``); each is idempotent.
public protocol ObjectNormalizer: Sendable {
    /// The object with the rule applied.
    func normalized(_ object: JSONValue) -> JSONValue
}

extension JSONValue {
    /// The kind of an object (`""` when it has none).
    var kindName: String { self["kind"]?.stringValue ?? "" }

    /// Removes the member at a dotted path of object members, when it is there.
    mutating func removeMember(atMemberPath path: String) {
        let keys = path.split(separator: ".").map(String.init)
        removeMember(keys: keys[...])
    }

    private mutating func removeMember(keys: ArraySlice<String>) {
        guard case .object(var members) = self, let first = keys.first else { return }
        if keys.count == 1 {
            members.removeValue(forKey: first)
        } else if var child = members[first] {
            child.removeMember(keys: keys.dropFirst())
            members[first] = child
        }
        self = .object(members)
    }

    /// Every object member and array item rewritten bottom-up by `transform`, which sees each
    /// member's key (`nil` for array items) and the key of the object that holds it.
    func rewritten(parentKey: String? = nil,
                   _ transform: (_ key: String?, _ parentKey: String?, _ value: JSONValue) -> JSONValue?) -> JSONValue {
        switch self {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, value) in members {
                let child = value.rewritten(parentKey: key, transform)
                if let kept = transform(key, parentKey, child) { out[key] = kept }
            }
            return .object(out)
        case .array(let items):
            return .array(items.compactMap { item in
                transform(nil, parentKey, item.rewritten(parentKey: parentKey, transform))
            })
        default:
            return self
        }
    }
}

/// Map fields whose keys are chosen by users (labels, annotations, Secret and ConfigMap data…):
/// normalisers never treat their entries as struct fields.
enum UserKeyedMaps {
    static let names: Set<String> = [
        "labels", "annotations", "data", "stringData", "binaryData", "matchLabels", "nodeSelector",
        "limits", "requests", "sysctls",
    ]
}
