import ObjectModel

/// Drops the metadata the API server and controllers populate:
/// uid, resourceVersion, generation, creationTimestamp, managedFields, selfLink,
/// ownerReferences (set by controllers and the garbage collector, never by dsledger), the
/// `deprecated.daemonset.template.generation` and `kubectl.kubernetes.io/last-applied-configuration`
/// annotations, dsledger's own `dsledger.io/revision`, `dsledger.io/content-digest` and
/// `dsledger.io/chain-digest` annotations (checked separately, see ``LiveRevision``), and the legacy
/// `spec.templateGeneration` counter of objects written through `extensions/v1beta1`.
public struct DropServerManagedMetadata: ObjectNormalizer {
    /// The `metadata` members dropped.
    public static let metadataFields = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "ownerReferences",
    ]
    /// The annotations dropped.
    public static let annotations = [
        "deprecated.daemonset.template.generation", "kubectl.kubernetes.io/last-applied-configuration",
        LiveRevision.revisionAnnotation, LiveRevision.contentDigestAnnotation, LiveRevision.chainDigestAnnotation,
    ]

    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        if case .object(var metadata)? = members["metadata"] {
            for field in Self.metadataFields { metadata.removeValue(forKey: field) }
            if case .object(var annotations)? = metadata["annotations"] {
                for annotation in Self.annotations { annotations.removeValue(forKey: annotation) }
                metadata["annotations"] = .object(annotations)
            }
            members["metadata"] = .object(metadata)
        }
        var result = JSONValue.object(members)
        result.removeMember(atMemberPath: "spec.templateGeneration")
        return result
    }
}
