import ManifestModel
import ObjectModel

/// The ServiceAccount and its ClusterRole/Role with their bindings.
enum RBACRendering {
    static let apiGroup = "rbac.authorization.k8s.io"

    /// Everything the RBAC objects are made from.
    struct Input: Equatable {
        let names: ObjectNames
        let createServiceAccount: Bool
        let clusterRules: [Rule]
        let namespaceRules: [Rule]

        init(_ manifest: Manifest, names: ObjectNames) {
            self.names = names
            createServiceAccount = manifest.spec?.createServiceAccount?.value == true
            clusterRules = (manifest.spec?.rbac?.clusterRules ?? []).map(Rule.init)
            namespaceRules = (manifest.spec?.rbac?.namespaceRules ?? []).map(Rule.init)
        }
    }

    /// A rule's values, without where they were written.
    struct Rule: Equatable {
        let apiGroups, resources, verbs, resourceNames: [String]

        init(_ rule: RbacRule) {
            apiGroups = rule.apiGroups.map(\.value)
            resources = rule.resources.map(\.value)
            verbs = rule.verbs.map(\.value)
            resourceNames = rule.resourceNames.map(\.value)
        }
    }

    /// The ServiceAccount, and the ClusterRole and Role with their bindings when there are rules.
    static func rendered(_ input: Input) -> [JSONValue] {
        let names = input.names
        guard input.createServiceAccount, let account = names.serviceAccount else { return [] }
        var objects: [JSONValue] = [["apiVersion": "v1", "kind": "ServiceAccount", "metadata": names.metadata(account)]]
        let subject: JSONValue = ["kind": "ServiceAccount", "name": .string(account), "namespace": .string(names.namespace)]
        if !input.clusterRules.isEmpty {
            let metadata: JSONValue = ["name": .string(names.clusterRBAC), "labels": names.labels]
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": metadata,
                            "rules": .array(input.clusterRules.map(rule))])
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": metadata,
                            "subjects": [subject],
                            "roleRef": ["apiGroup": .string(apiGroup), "kind": "ClusterRole", "name": .string(names.clusterRBAC)]])
        }
        if !input.namespaceRules.isEmpty {
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": names.metadata(names.name),
                            "rules": .array(input.namespaceRules.map(rule))])
            objects.append(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": names.metadata(names.name),
                            "subjects": [subject],
                            "roleRef": ["apiGroup": .string(apiGroup), "kind": "Role", "name": .string(names.name)]])
        }
        return objects
    }

    static func rule(_ rule: Rule) -> JSONValue {
        var out: [String: JSONValue] = [
            "apiGroups": strings(rule.apiGroups), "resources": strings(rule.resources), "verbs": strings(rule.verbs),
        ]
        if !rule.resourceNames.isEmpty { out["resourceNames"] = strings(rule.resourceNames) }
        return .object(out)
    }
}

/// A list of manifest strings as a JSON array.
func strings(_ values: [Located<String>]) -> JSONValue {
    strings(values.map(\.value))
}

/// Strings as a JSON array.
func strings(_ values: [String]) -> JSONValue {
    .array(values.map { .string($0) })
}
