/// Which REST resource an object belongs to: its group, version, plural, kind and scope.
///
/// ```swift
/// let resource = APIResource.known(apiVersion: "apps/v1", kind: "DaemonSet")  // .daemonSets
/// ```
public struct APIResource: Sendable, Hashable {
    /// The API group; empty for the core group.
    public var group: String
    /// The version inside the group, such as `v1`.
    public var version: String
    /// The lower-case plural used in paths, such as `daemonsets`.
    public var plural: String
    /// The kind, such as `DaemonSet`.
    public var kind: String
    /// Whether objects live inside a namespace.
    public var namespaced: Bool

    /// Creates a resource description.
    public init(group: String, version: String, plural: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
    }

    /// The `apiVersion` of its objects: `v1` for the core group, else `group/version`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The resource for objects of this `apiVersion` and `kind`, when it is one of ``all``.
    public static func known(apiVersion: String, kind: String) -> APIResource? {
        all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// Every resource this tool reads or writes.
    public static let all: [APIResource] = [
        namespaces, secrets, configMaps, serviceAccounts, nodes, pods, events,
        daemonSets, controllerRevisions, clusterRoles, clusterRoleBindings, roles, roleBindings, leases,
    ]

    /// Core `v1` Namespaces (cluster-scoped).
    public static let namespaces = core("namespaces", "Namespace", namespaced: false)
    /// Core `v1` Secrets.
    public static let secrets = core("secrets", "Secret")
    /// Core `v1` ConfigMaps.
    public static let configMaps = core("configmaps", "ConfigMap")
    /// Core `v1` ServiceAccounts.
    public static let serviceAccounts = core("serviceaccounts", "ServiceAccount")
    /// Core `v1` Nodes (cluster-scoped).
    public static let nodes = core("nodes", "Node", namespaced: false)
    /// Core `v1` Pods.
    public static let pods = core("pods", "Pod")
    /// Core `v1` Events.
    public static let events = core("events", "Event")
    /// `apps/v1` DaemonSets.
    public static let daemonSets = APIResource(group: "apps", version: "v1", plural: "daemonsets",
                                               kind: "DaemonSet", namespaced: true)
    /// `apps/v1` ControllerRevisions.
    public static let controllerRevisions = APIResource(group: "apps", version: "v1", plural: "controllerrevisions",
                                                        kind: "ControllerRevision", namespaced: true)
    /// `rbac.authorization.k8s.io/v1` ClusterRoles (cluster-scoped).
    public static let clusterRoles = rbac("clusterroles", "ClusterRole", namespaced: false)
    /// `rbac.authorization.k8s.io/v1` ClusterRoleBindings (cluster-scoped).
    public static let clusterRoleBindings = rbac("clusterrolebindings", "ClusterRoleBinding", namespaced: false)
    /// `rbac.authorization.k8s.io/v1` Roles.
    public static let roles = rbac("roles", "Role", namespaced: true)
    /// `rbac.authorization.k8s.io/v1` RoleBindings.
    public static let roleBindings = rbac("rolebindings", "RoleBinding", namespaced: true)

    /// `coordination.k8s.io/v1` Leases: the lock an apply holds on its release.
    public static let leases = APIResource(group: "coordination.k8s.io", version: "v1", plural: "leases",
                                           kind: "Lease", namespaced: true)

    private static func core(_ plural: String, _ kind: String, namespaced: Bool = true) -> APIResource {
        APIResource(group: "", version: "v1", plural: plural, kind: kind, namespaced: namespaced)
    }

    private static func rbac(_ plural: String, _ kind: String, namespaced: Bool) -> APIResource {
        APIResource(group: "rbac.authorization.k8s.io", version: "v1", plural: plural, kind: kind, namespaced: namespaced)
    }
}
