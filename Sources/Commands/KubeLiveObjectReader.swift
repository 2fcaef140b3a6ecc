import DriftDetection
import KubeAPI
import ObjectModel

/// Drift detection's view of the cluster, through the Kubernetes client.
struct KubeLiveObjectReader: LiveObjectReader {
    let client: KubeClient

    func objects(apiVersion: String, kind: String, namespace: String?, labelSelector: String?) async throws -> [JSONValue] {
        let resource = try Self.resource(apiVersion: apiVersion, kind: kind)
        return try await client.list(resource, namespace: resource.namespaced ? namespace : nil, labelSelector: labelSelector)
    }

    func object(apiVersion: String, kind: String, namespace: String?, name: String) async throws -> JSONValue? {
        let resource = try Self.resource(apiVersion: apiVersion, kind: kind)
        return try await client.get(resource, namespace: resource.namespaced ? namespace : nil, name: name)
    }

    static func resource(apiVersion: String, kind: String) throws -> APIResource {
        guard let resource = APIResource.known(apiVersion: apiVersion, kind: kind) else {
            throw KubeAPIError.invalidRequest("dsledger does not read \(kind) (\(apiVersion)) objects")
        }
        return resource
    }
}
