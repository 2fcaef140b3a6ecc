/// Which Kubernetes object a value is, by apiVersion, kind, namespace and name: what a change, a
/// drift or a stored object version is matched by.
public struct ObjectIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The identity of an object value.
    public init(_ object: JSONValue) {
        self.init(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "", object)
    }

    /// The identity of an object value whose apiVersion and kind are already read (a manifest
    /// document spells its apiVersion `api_version` or `apiVersion`).
    public init(apiVersion: String, kind: String, _ object: JSONValue) {
        let metadata = object["metadata"]
        self.init(apiVersion: apiVersion, kind: kind, namespace: metadata?["namespace"]?.stringValue,
                  name: metadata?["name"]?.stringValue ?? "")
    }

    /// `apps/v1/DaemonSet/logging/fluent-bit` (no namespace part for cluster-scoped objects).
    public var description: String {
        ([apiVersion, kind] + (namespace.map { [$0] } ?? []) + [name]).joined(separator: "/")
    }

    /// `DaemonSet logging/fluent-bit`, for headings.
    public var title: String {
        "\(kind) " + (namespace.map { "\($0)/\(name)" } ?? name)
    }

    public static func < (lhs: ObjectIdentity, rhs: ObjectIdentity) -> Bool {
        lhs.description.utf8Precedes(rhs.description)
    }
}
