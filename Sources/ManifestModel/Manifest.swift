import ObjectModel

/// A decoded `KubernetesDaemonSet` manifest (Project Planton's format, plus dsledger's
/// extensions), with the path and position of every value.
///
/// Fields are optional exactly where the format lets a user leave them out; an explicitly
/// written zero or `false` is present, not absent. A `Manifest` that came out of
/// ``ManifestReader/read(_:file:)`` has passed every validation rule.
public struct Manifest: Sendable, Hashable {
    public var origin: Origin
    public var apiVersion: Located<String>?
    public var kind: Located<String>?
    public var metadata: Metadata?
    public var spec: Spec?
    /// 0-based index of the document in its file.
    public var documentIndex: Int
    /// The document as written (YAML 1.1 scalars resolved): what the ledger records, sealed.
    public var document: JSONValue = .null

    /// The required `metadata.name`, once validated.
    public var name: String { metadata?.name?.value ?? "" }
    /// The literal `spec.namespace.value`, once validated.
    public var namespace: String { spec?.namespace?.value?.value ?? "" }

    public static let apiVersion = "kubernetes.project-planton.org/v1"
    public static let kind = "KubernetesDaemonSet"
}

/// `metadata` (Planton's `CloudResourceMetadata`).
public struct Metadata: Sendable, Hashable {
    public var origin: Origin
    public var name, slug, id, org, env, group: Located<String>?
    public var labels: [MapEntry] = []
    public var annotations: [MapEntry] = []
    public var tags: [Located<String>] = []
    public var relationships: [Relationship] = []
}

/// One entry of `metadata.relationships`.
public struct Relationship: Sendable, Hashable {
    public var origin: Origin
    public var kind, env, name, type: Located<String>?
}

/// `spec.target_cluster`.
public struct TargetCluster: Sendable, Hashable {
    public var origin: Origin
    public var clusterKind, clusterName: Located<String>?

    /// The cluster kinds Planton accepts, with their enum numbers.
    public static let kinds: [(name: String, number: Int64)] = [
        ("AzureAksCluster", 400), ("AwsEksCluster", 207), ("GcpGkeCluster", 607),
        ("DigitalOceanKubernetesCluster", 1208), ("CivoKubernetesCluster", 1507),
    ]
}

/// A literal value or a reference to another Planton resource's field (`StringValueOrRef`).
public struct ValueOrRef: Sendable, Hashable {
    public var origin: Origin
    public var value: Located<String>?
    public var valueFrom: ValueFromRef?
}

/// `value_from`: a reference that only an orchestrator can resolve.
public struct ValueFromRef: Sendable, Hashable {
    public var origin: Origin
    public var kind, env, name, fieldPath: Located<String>?
}
