import ObjectModel

/// What dsledger renders for one release, as a rule others can enforce: `rollback` applies a
/// stored revision only when every object of it is one the ``Renderer`` could have produced.
///
/// Allowed: the kinds the renderer produces (ConfigMap, ServiceAccount, Role, RoleBinding,
/// Secret, DaemonSet) in the release's namespace; the release's own Namespace object; and the
/// ClusterRole and ClusterRoleBinding named `<namespace>:<name>`. A RoleBinding must refer to a
/// Role (never a ClusterRole such as `cluster-admin`), and the ClusterRoleBinding to the
/// release's own ClusterRole, as the renderer writes them.
///
/// ```swift
/// if let problem = RenderedScope.problem(with: object, namespace: "ops", name: "agent") { … }
/// ```
public enum RenderedScope {
    /// The namespaced kinds the renderer produces, as `apiVersion/kind`.
    public static let namespacedKinds: Set<String> = [
        "v1/ConfigMap", "v1/ServiceAccount", "v1/Secret", "apps/v1/DaemonSet",
        "\(rbacVersion)/Role", "\(rbacVersion)/RoleBinding",
    ]

    /// The cluster-scoped kinds the renderer produces, as `apiVersion/kind`; each allowed under
    /// one name only (``clusterScopedName(_:namespace:name:)``).
    public static let clusterScopedKinds: Set<String> = ["v1/Namespace", "\(rbacVersion)/ClusterRole", "\(rbacVersion)/ClusterRoleBinding"]

    static let rbacVersion = "rbac.authorization.k8s.io/v1"

    /// The one name a cluster-scoped object of the release may have: the namespace itself for
    /// the Namespace, `<namespace>:<name>` for the ClusterRole and ClusterRoleBinding.
    public static func clusterScopedName(_ kind: String, namespace: String, name: String) -> String {
        kind == "Namespace" ? namespace : "\(namespace):\(name)"
    }

    /// Why `object` is not one the renderer produces for release `name` in `namespace`, or `nil`
    /// when it is.
    public static func problem(with object: JSONValue, namespace: String, name: String) -> String? {
        let identity = ObjectIdentity(object)
        let kind = "\(identity.apiVersion)/\(identity.kind)"
        if namespacedKinds.contains(kind) {
            guard identity.namespace == namespace else {
                return "\(identity.title) is outside the release's namespace '\(namespace)'"
            }
            if identity.kind == "RoleBinding", object["roleRef"]?["kind"]?.stringValue != "Role" {
                return "\(identity.title) binds a role that is not a Role of the namespace"
            }
            return nil
        }
        guard clusterScopedKinds.contains(kind) else {
            return "\(identity.title) (\(identity.apiVersion)) is not a kind dsledger renders"
        }
        let allowed = clusterScopedName(identity.kind, namespace: namespace, name: name)
        guard identity.namespace == nil, identity.name == allowed else {
            return "\(identity.title) is not the release's own \(identity.kind) ('\(allowed)')"
        }
        if identity.kind == "ClusterRoleBinding",
           object["roleRef"]?["kind"]?.stringValue != "ClusterRole" || object["roleRef"]?["name"]?.stringValue != allowed {
            return "\(identity.title) binds another role than the release's own ClusterRole '\(allowed)'"
        }
        return nil
    }
}
