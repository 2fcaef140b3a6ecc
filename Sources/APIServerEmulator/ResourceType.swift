/// One kind of object the emulator serves: where it lives in the REST tree and how discovery
/// describes it.
public struct ResourceType: Sendable, Hashable {
    /// The API group; empty for the core group.
    public var group: String
    /// The version inside the group (always `v1` here).
    public var version: String
    /// The lower-case plural used in paths, such as `daemonsets`.
    public var plural: String
    /// The lower-case singular, such as `daemonset`.
    public var singular: String
    /// The kind, such as `DaemonSet`.
    public var kind: String
    /// Whether objects live inside a namespace.
    public var namespaced: Bool
    /// Short names kubectl accepts, such as `ds`.
    public var shortNames: [String]

    /// `group/version`, or just `v1` for the core group.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The resource qualified with its group as the server's messages print it
    /// (`daemonsets.apps`, or `secrets` for the core group).
    public var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The kind of the list of this resource, such as `DaemonSetList`.
    public var listKind: String { kind + "List" }

    /// Every verb the real server offers on these resources.
    public static let verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
}

/// The resources the emulator serves, by group version.
public enum ResourceCatalog {
    /// Every served resource type.
    public static let all: [ResourceType] = core + apps + rbac + coordination

    static let core: [ResourceType] = [
        ResourceType(group: "", version: "v1", plural: "namespaces", singular: "namespace", kind: "Namespace",
                     namespaced: false, shortNames: ["ns"]),
        ResourceType(group: "", version: "v1", plural: "secrets", singular: "secret", kind: "Secret",
                     namespaced: true, shortNames: []),
        ResourceType(group: "", version: "v1", plural: "configmaps", singular: "configmap", kind: "ConfigMap",
                     namespaced: true, shortNames: ["cm"]),
        ResourceType(group: "", version: "v1", plural: "serviceaccounts", singular: "serviceaccount",
                     kind: "ServiceAccount", namespaced: true, shortNames: ["sa"]),
        ResourceType(group: "", version: "v1", plural: "nodes", singular: "node", kind: "Node",
                     namespaced: false, shortNames: ["no"]),
    ]

    static let apps: [ResourceType] = [
        ResourceType(group: "apps", version: "v1", plural: "daemonsets", singular: "daemonset", kind: "DaemonSet",
                     namespaced: true, shortNames: ["ds"]),
        ResourceType(group: "apps", version: "v1", plural: "controllerrevisions", singular: "controllerrevision",
                     kind: "ControllerRevision", namespaced: true, shortNames: []),
    ]

    static let rbac: [ResourceType] = [
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterroles", singular: "clusterrole",
                     kind: "ClusterRole", namespaced: false, shortNames: []),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterrolebindings",
                     singular: "clusterrolebinding", kind: "ClusterRoleBinding", namespaced: false, shortNames: []),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "roles", singular: "role",
                     kind: "Role", namespaced: true, shortNames: []),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "rolebindings", singular: "rolebinding",
                     kind: "RoleBinding", namespaced: true, shortNames: []),
    ]

    /// Leases, which clients hold as locks (https://kubernetes.io/docs/concepts/architecture/leases/).
    static let coordination: [ResourceType] = [
        ResourceType(group: "coordination.k8s.io", version: "v1", plural: "leases", singular: "lease", kind: "Lease",
                     namespaced: true, shortNames: []),
    ]

    /// The group versions served, in discovery order.
    public static let groupVersions: [String] = ["v1", "apps/v1", "rbac.authorization.k8s.io/v1", "coordination.k8s.io/v1"]

    /// The resource with this group and plural, if served.
    public static func resource(group: String, plural: String) -> ResourceType? {
        all.first { $0.group == group && $0.plural == plural }
    }

    /// The resource of objects with this `apiVersion` and `kind`, if served.
    public static func resource(apiVersion: String, kind: String) -> ResourceType? {
        all.first { $0.groupVersion == apiVersion && $0.kind == kind }
    }
}
