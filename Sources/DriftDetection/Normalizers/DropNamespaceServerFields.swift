import ObjectModel

/// Drops what the server adds to a Namespace: `spec.finalizers`
/// (`kubernetes`, set on create and unchangeable through the main resource), `status.phase`,
/// and the `kubernetes.io/metadata.name` label (1.21+; always equal to the name).
public struct DropNamespaceServerFields: ObjectNormalizer {
    /// The label the server sets to the namespace's name.
    public static let nameLabel = "kubernetes.io/metadata.name"

    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        guard object.kindName == "Namespace" else { return object }
        var copy = object
        copy.removeMember(atMemberPath: "spec.finalizers")
        copy.removeMember(atMemberPath: "status")
        if case .object(var metadata)? = copy["metadata"], case .object(var labels)? = metadata["labels"] {
            labels.removeValue(forKey: Self.nameLabel)
            metadata["labels"] = .object(labels)
            copy["metadata"] = .object(metadata)
        }
        return copy
    }
}
