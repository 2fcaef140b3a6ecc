/// Where one stored object lives: its resource, namespace (empty for cluster-scoped) and name.
///
/// Not an `ObjectIdentity`: the store keys objects by resource (`apps/daemonsets`), not by
/// apiVersion and kind, so one object read through two API versions is one stored object.
struct ObjectKey: Sendable, Hashable, Comparable {
    /// `group/plural`.
    var resource: String
    /// The namespace; empty for cluster-scoped objects.
    var namespace: String
    /// The object name.
    var name: String

    /// The key of an object of `type`.
    init(_ type: ResourceType, namespace: String, name: String) {
        self.resource = type.group + "/" + type.plural
        self.namespace = type.namespaced ? namespace : ""
        self.name = name
    }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}
