import ManifestModel
import ObjectModel

/// The ServiceAccount and its ClusterRole/Role with their bindings.
struct RBACRendering {
    let names: ObjectNames
    static let apiGroup = "rbac.authorization.k8s.io"

    func rendered(_ manifest: Manifest) -> [JSONValue] {
        guard let spec = manifest.spec, spec.createServiceAccount?.value == true, let account = names.serviceAccount else {
            return []
        }
        var objects: [JSONValue] = [["apiVersion": "v1", "kind": "ServiceAccount", "metadata": names.metadata(account)]]
        let subject: JSONValue = ["kind": "ServiceAccount", "name": .string(account), "namespace": .string(names.namespace)]
        if let rules = spec.rbac?.clusterRules, !rules.isEmpty {
            let metadata: JSONValue = ["name": .string(names.clusterRBAC), "labels": names.labels]
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": metadata,
                            "rules": .array(rules.map(Self.rule))])
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": metadata,
                            "subjects": [subject],
                            "roleRef": ["apiGroup": .string(Self.apiGroup), "kind": "ClusterRole", "name": .string(names.clusterRBAC)]])
        }
        if let rules = spec.rbac?.namespaceRules, !rules.isEmpty {
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": names.metadata(names.name),
                            "rules": .array(rules.map(Self.rule))])
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": names.metadata(names.name),
                            "subjects": [subject],
                            "roleRef": ["apiGroup": .string(Self.apiGroup), "kind": "Role", "name": .string(names.name)]])
        }
        return objects
    }

    static func rule(_ rule: RbacRule) -> JSONValue {
        var out: [String: JSONValue] = [
            "apiGroups": strings(rule.apiGroups), "resources": strings(rule.resources), "verbs": strings(rule.verbs),
        ]
        if !rule.resourceNames.isEmpty { out["resourceNames"] = strings(rule.resourceNames) }
        return .object(out)
    }
}

/// A list of manifest strings as a JSON array.
func strings(_ values: [Located<String>]) -> JSONValue {
    .array(values.map { .string($0.value) })
}
