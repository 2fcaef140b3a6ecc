import ObjectModel

/// Which Kubernetes object a change is in: matched by apiVersion, kind, namespace and name.
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
        self.init(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "",
                  namespace: object.value(atMemberPath: "metadata.namespace")?.stringValue,
                  name: object.value(atMemberPath: "metadata.name")?.stringValue ?? "")
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

/// One difference between two revisions.
public struct Change: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case changed, added, removed, reordered, secretChanged
    }

    public var object: ObjectIdentity
    /// The field, empty for a whole object added or removed.
    public var path: FieldPath
    public var kind: Kind
    /// The value before (absent for `added`); secret values only as fingerprints.
    public var old: JSONValue?
    /// The value after (absent for `removed`); for `reordered`, the new order of the keys.
    public var new: JSONValue?
    /// For an item added to a keyed list or a set: its position in the new list.
    public var newIndex: Int?

    public init(object: ObjectIdentity, path: FieldPath, kind: Kind, old: JSONValue? = nil, new: JSONValue? = nil,
                newIndex: Int? = nil) {
        self.object = object
        self.path = path
        self.kind = kind
        self.old = old
        self.new = new
        self.newIndex = newIndex
    }
}
