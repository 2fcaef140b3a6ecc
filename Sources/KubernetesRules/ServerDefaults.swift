import ObjectModel

/// What a Kubernetes API server of a given version fills in when it decodes an object.
///
/// Both sides of drift detection use it: the API-server emulator defaults what it stores, and
/// the drift detector defaults what dsledger applied, so that a field the server added is never
/// reported as drift. It covers the defaulting functions of `k8s.io/kubernetes`
/// (`pkg/apis/apps/v1/defaults.go`, `pkg/apis/core/v1/defaults.go`): apps/v1 DaemonSets (and
/// the legacy `extensions/v1beta1` rules), their pod template, containers, probes, volumes, and
/// Secrets, Namespaces and RBAC bindings. ConfigMaps, ServiceAccounts, Roles, ClusterRoles and
/// ControllerRevisions have nothing defaulted and come back unchanged, as do unknown kinds.
///
/// Only absent fields are filled (a missing key or an explicit `null`, both a nil pointer on the
/// server), plus `omitempty` zero values the server treats as unset (`imagePullPolicy: ""`,
/// probe `periodSeconds: 0`). The result is idempotent and deterministic; nothing is removed
/// apart from Secret `stringData`, which the server folds into `data`.
///
/// ```swift
/// let defaults = ServerDefaults(version: KubernetesVersion(major: 1, minor: 31))
/// let live = defaults.defaulted(renderedDaemonSet)
/// ```
///
/// ## Topics
/// - ``defaulted(_:)``
/// - ``preparedForCreate(_:)``
/// - ``includesEmptyStructs``
public struct ServerDefaults: Sendable, Hashable {
    /// The server version whose behaviour is reproduced.
    public var version: KubernetesVersion
    /// Also add what the server always serializes although it is no default (fields without `omitempty`):
    /// `resources: {}` on each container and, up to 1.33, `creationTimestamp: null` in a pod
    /// template's metadata. Off by default; an emulator that wants byte-faithful reads turns it on.
    public var includesEmptyStructs: Bool

    /// A defaulter for one server version.
    public init(version: KubernetesVersion, includesEmptyStructs: Bool = false) {
        self.version = version
        self.includesEmptyStructs = includesEmptyStructs
    }

    /// The object as the server would store and return it, defaults filled in.
    ///
    /// The kind is read from `kind` (and `apiVersion` for DaemonSets); an object without a
    /// kind, such as a list item, is treated as a DaemonSet when it has a `spec.template`.
    public func defaulted(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        switch kind(of: members) {
        case "DaemonSet":
            DaemonSetSpecDefaults(version: version, apiVersion: members["apiVersion"]?.stringValue ?? "apps/v1",
                                  includesEmptyStructs: includesEmptyStructs).apply(to: &members)
        case "Secret":
            SecretDefaults().apply(to: &members)
        case "Namespace":
            NamespaceDefaults(version: version).apply(to: &members)
        case "RoleBinding", "ClusterRoleBinding":
            RBACDefaults().apply(to: &members)
        default:
            break
        }
        return .object(members)
    }

    /// Every object of a stream, defaulted, in order.
    public func defaulted(_ objects: [JSONValue]) -> [JSONValue] {
        objects.map(defaulted)
    }

    /// The object as the server stores it after a create: ``defaulted(_:)`` plus the registry
    /// strategy's create-time additions that defaulting on read does not repeat (reference
    /// A.6): a Namespace gets `spec.finalizers: [kubernetes]` and `status.phase: Active`.
    ///
    /// Server-populated metadata (uid, generation, the template-generation annotation, …) is
    /// the emulator's bookkeeping and is not added here.
    public func preparedForCreate(_ object: JSONValue) -> JSONValue {
        var result = defaulted(object)
        guard kind(of: result.objectValue ?? [:]) == "Namespace" else { return result }
        result.editObject { NamespaceDefaults(version: version).prepareForCreate(&$0) }
        return result
    }

    private func kind(of members: Members) -> String? {
        if let kind = members["kind"]?.stringValue { return kind }
        if members["spec"]?["template"] != nil, members["spec"]?["selector"] != nil || members["spec"]?["updateStrategy"] != nil {
            return "DaemonSet"
        }
        return nil
    }
}
