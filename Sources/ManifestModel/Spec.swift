import ObjectModel

/// `spec` (`KubernetesDaemonSetSpec`) plus dsledger's extensions.
public struct Spec: Sendable, Hashable {
    public var origin: Origin
    public var targetCluster: TargetCluster?
    public var namespace: ValueOrRef?
    public var createNamespace: Located<Bool>?
    public var container: Container?
    public var nodeSelector: [MapEntry] = []
    public var tolerations: [Toleration] = []
    public var updateStrategy: UpdateStrategy?
    public var minReadySeconds: Located<Int64>?
    public var createServiceAccount: Located<Bool>?
    public var serviceAccountName: Located<String>?
    public var configMaps: [MapEntry] = []
    public var rbac: Rbac?

    // dsledger extensions: fields the use cases need that Planton lacks.
    public var hostNetwork: Located<Bool>?
    public var dnsPolicy: Located<String>?
    public var hostPID: Located<Bool>?
    public var priorityClassName: Located<String>?
    public var terminationGracePeriodSeconds: Located<Int64>?
    public var initContainers: [Sidecar] = []
    public var podAnnotations: [MapEntry] = []

    /// The extension fields, by snake_case name.
    public static let extensionFields = [
        "host_network", "dns_policy", "host_pid", "priority_class_name",
        "termination_grace_period_seconds", "init_containers", "pod_annotations",
    ]
}

/// `spec.tolerations[]`.
public struct Toleration: Sendable, Hashable {
    public var origin: Origin
    public var key, `operator`, value, effect: Located<String>?
    public var tolerationSeconds: Located<Int64>?
}

/// `spec.update_strategy`.
public struct UpdateStrategy: Sendable, Hashable {
    public var origin: Origin
    public var type: Located<String>?
    public var rollingUpdate: RollingUpdate?
}

/// `spec.update_strategy.rolling_update`: counts or percentages, as strings.
public struct RollingUpdate: Sendable, Hashable {
    public var origin: Origin
    public var maxUnavailable, maxSurge: Located<String>?
}

/// `spec.rbac`.
public struct Rbac: Sendable, Hashable {
    public var origin: Origin
    public var clusterRules: [RbacRule] = []
    public var namespaceRules: [RbacRule] = []
}

/// One RBAC policy rule.
public struct RbacRule: Sendable, Hashable {
    public var origin: Origin
    public var apiGroups: [Located<String>] = []
    public var resources: [Located<String>] = []
    public var verbs: [Located<String>] = []
    public var resourceNames: [Located<String>] = []
}
