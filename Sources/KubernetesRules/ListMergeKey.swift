/// How Kubernetes tells the items of a list field apart: the `patchMergeKey` a strategic merge
/// patch merges by, and the `listMapKey` fields server-side apply keys the items by.
///
/// The one table of these keys, for the diff, drift, the emulator's strategic merge patch and
/// its server-side apply. The keys are the struct tags and `+listType=map`/`+listMapKey`
/// markers of the built-in types in `k8s.io/api` (`core/v1/types.go`, `apps/v1/types.go`,
/// `meta/v1/types.go`), as the API reference lists them under each field's "Patch strategy"
/// and "Map" notes: https://kubernetes.io/docs/reference/kubernetes-api/ .
public struct ListMergeKey: Sendable, Hashable {
    /// The field a strategic merge patch matches items by (`patchMergeKey`).
    public var patchMergeKey: String
    /// The fields server-side apply and the diff match items by (`listMapKey`, in order);
    /// `nil` for a list this project keeps whole under server-side apply and compares by
    /// position in the diff.
    public var listMapKeys: [String]?

    /// A list keyed by `patchMergeKey`, with these map keys.
    public init(_ patchMergeKey: String, listMapKeys: [String]?) {
        self.patchMergeKey = patchMergeKey
        self.listMapKeys = listMapKeys
    }

    /// The key of the list field named `field` (its last path segment: `containers`,
    /// `volumeDevices`); `nil` for a list without one (`tolerations`, `args`, `command`,
    /// `capabilities.add`: Kubernetes replaces those whole).
    public static func forList(named field: String) -> ListMergeKey? {
        table[field]
    }

    /// The value the server gives a key field an item leaves out: a container port's `protocol`
    /// defaults to `TCP` (`SetDefaults_ContainerPort`), so `{containerPort: 80}` and
    /// `{containerPort: 80, protocol: TCP}` are the same item.
    public static func defaultValue(ofKeyField field: String) -> String? {
        field == "protocol" ? "TCP" : nil
    }

    /// Every keyed list by field name. Tolerations are `+listType=atomic` and have no entry.
    static let table: [String: ListMergeKey] = [
        // core/v1 PodSpec and Container.
        "containers": ListMergeKey("name", listMapKeys: ["name"]),
        "initContainers": ListMergeKey("name", listMapKeys: ["name"]),
        "ephemeralContainers": ListMergeKey("name", listMapKeys: ["name"]),
        "volumes": ListMergeKey("name", listMapKeys: ["name"]),
        "imagePullSecrets": ListMergeKey("name", listMapKeys: ["name"]),
        "env": ListMergeKey("name", listMapKeys: ["name"]),
        "volumeMounts": ListMergeKey("mountPath", listMapKeys: ["mountPath"]),
        "volumeDevices": ListMergeKey("devicePath", listMapKeys: ["devicePath"]),
        "ports": ListMergeKey("containerPort", listMapKeys: ["containerPort", "protocol"]),
        "hostAliases": ListMergeKey("ip", listMapKeys: ["ip"]),
        "resourceClaims": ListMergeKey("name", listMapKeys: ["name"]),
        // meta/v1 ObjectMeta.
        "ownerReferences": ListMergeKey("uid", listMapKeys: ["uid"]),
        // Merged by key in a strategic merge patch; kept whole under server-side apply and in the
        // diff here. (Kubernetes keys topologySpreadConstraints by topologyKey and
        // whenUnsatisfiable under server-side apply; a diff path can hold a `/` only in the last
        // key field, and a topology key has one.)
        "topologySpreadConstraints": ListMergeKey("topologyKey", listMapKeys: nil),
        "secrets": ListMergeKey("name", listMapKeys: nil),
        "conditions": ListMergeKey("type", listMapKeys: nil),
        "addresses": ListMergeKey("type", listMapKeys: nil),
    ]
}
