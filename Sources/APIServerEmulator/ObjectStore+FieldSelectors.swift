import ObjectModel

extension ObjectStore {
    /// The fields a `fieldSelector` may name per kind, besides `metadata.name` and
    /// `metadata.namespace` (the real registries' `GetAttrs`).
    static let extraSelectableFields: [String: [String]] = [
        "Secret": ["type"], "Namespace": ["status.phase"], "Node": ["spec.unschedulable"],
    ]

    /// Throws the server's 400 for a field the kind cannot be selected by, or an operator
    /// other than `=`, `==` and `!=`.
    static func checkFieldSelector(_ selector: LabelSelector, route: ResourceRoute, fieldText: String) throws(APIStatus) {
        let allowed = ["metadata.name", "metadata.namespace"] + (extraSelectableFields[route.resource.kind] ?? [])
        for requirement in selector.requirements {
            let key: String
            switch requirement {
            case .equals(let name, _), .notEquals(let name, _): key = name
            default: throw APIStatus.badRequest("invalid selector: '\(fieldText)'; can't understand '\(fieldText)'")
            }
            guard allowed.contains(key) else { throw APIStatus.badRequest("field label not supported: \(key)") }
        }
    }

    /// The values of the selectable fields of a stored object.
    static func selectableFields(_ object: JSONValue, key: ObjectKey, kind: String) -> [String: String] {
        var fields = ["metadata.name": key.name, "metadata.namespace": key.namespace]
        switch kind {
        case "Secret": fields["type"] = object["type"]?.stringValue ?? ""
        case "Namespace": fields["status.phase"] = object["status"]?["phase"]?.stringValue ?? ""
        case "Node": fields["spec.unschedulable"] = object["spec"]?["unschedulable"] == true ? "true" : "false"
        default: break
        }
        return fields
    }
}
