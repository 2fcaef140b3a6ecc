import ObjectModel

/// How drift detection reads the live cluster. DriftDetection owns this seam; the commands
/// adapt the Kubernetes client to it, and tests use an in-memory reader.
///
/// Objects are returned as the server sends them; list items may lack `kind` and `apiVersion`
/// (``DriftCheck`` fills them in). Secret values need not be sealed here: ``DriftCheck`` seals
/// them with the closure it is given.
public protocol LiveObjectReader: Sendable {
    /// The objects of one kind: in `namespace`, or in every namespace (and for cluster-scoped
    /// kinds) when it is `nil`; only those matching `labelSelector` when one is given.
    func objects(apiVersion: String, kind: String, namespace: String?, labelSelector: String?) async throws -> [JSONValue]

    /// One object; `nil` when it does not exist (404).
    func object(apiVersion: String, kind: String, namespace: String?, name: String) async throws -> JSONValue?
}

/// The applied objects of one release, as the store recorded them.
public struct ReleaseObjects: Sendable, Hashable {
    /// `namespace/name` of the release, as reports name it.
    public var release: String
    /// The revision these objects belong to (the one last applied to this context).
    public var revision: Int?
    /// The objects, Secret values already sealed (HMAC markers).
    public var objects: [JSONValue]

    /// A release's applied objects.
    public init(release: String, revision: Int?, objects: [JSONValue]) {
        self.release = release
        self.revision = revision
        self.objects = objects
    }
}
