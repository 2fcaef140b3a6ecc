import Foundation
import ObjectModel

extension KubeClient {
    /// Creates an object (`POST` to its collection).
    /// - Parameters:
    ///   - resource: its resource.
    ///   - namespace: its namespace (ignored for cluster-scoped resources).
    ///   - object: the whole object, with `metadata.name`.
    /// - Returns: the object as the server stored it, with its `resourceVersion`.
    /// - Throws: ``KubeAPIError/status(_:)`` with code 409 (`AlreadyExists`) when it exists.
    public func create(_ resource: APIResource, namespace: String?, _ object: JSONValue) async throws(KubeAPIError) -> JSONValue {
        let response = try await send("POST", resource.collectionPath(namespace: namespace),
                                      body: Data(CanonicalJSON.compact(object).utf8), contentType: "application/json")
        return try self.object(from: response)
    }

    /// Replaces an object (`PUT`). With `metadata.resourceVersion` set, the server replaces it
    /// only if that is still its version (optimistic concurrency,
    /// https://kubernetes.io/docs/reference/using-api/api-concepts/#conflicts).
    /// - Returns: the object as the server stored it, with its new `resourceVersion`.
    /// - Throws: ``KubeAPIError/status(_:)`` with code 409 (`Conflict`) when someone wrote it since.
    public func replace(_ resource: APIResource, namespace: String?, name: String, _ object: JSONValue)
        async throws(KubeAPIError) -> JSONValue
    {
        let response = try await send("PUT", resource.itemPath(namespace: namespace, name: name),
                                      body: Data(CanonicalJSON.compact(object).utf8), contentType: "application/json")
        return try self.object(from: response)
    }
}
