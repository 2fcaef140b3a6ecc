import Foundation
import KubeDefaults
import ObjectModel

/// The emulator's shared mutable state behind one lock: the store and the request log.
/// Every request is handled whole under the lock, so writes are serialised like etcd's.
final class EmulatorState: @unchecked Sendable {
    private let lock = NSLock()
    private var store: ObjectStore
    private var log: [RecordedRequest] = []
    private let version: KubernetesVersion
    private let token: String

    /// A fresh state for a server of `version` that accepts bearer `token`.
    init(version: KubernetesVersion, token: String) {
        self.store = ObjectStore(version: version)
        self.version = version
        self.token = token
    }

    /// The requests received so far, oldest first.
    var requests: [RecordedRequest] { lock.withLock { log } }

    /// A stored object with kind and apiVersion, or `nil`.
    func object(_ type: ResourceType, namespace: String, name: String) -> JSONValue? {
        lock.withLock { store.object(type, namespace: namespace, name: name) }
    }

    /// Answers one request and records it.
    ///
    /// - Parameters:
    ///   - request: the request.
    ///   - hasClientCertificate: whether the TLS peer presented a certificate the CA signed.
    ///   - serverAddress: `host:port`, for `/api`.
    func handle(_ request: EmulatorRequest, hasClientCertificate: Bool, serverAddress: String) -> EmulatorResponse {
        lock.withLock {
            let response: EmulatorResponse
            if hasClientCertificate || request.headers["authorization"] == "Bearer \(token)" {
                response = route(request, serverAddress: serverAddress)
            } else {
                response = APIStatus.unauthorized.response
            }
            log.append(RecordedRequest(method: request.method, path: request.path, query: request.query, headers: request.headers,
                                       body: String(decoding: request.body, as: UTF8.self), responseStatus: response.status))
            return response
        }
    }

    private func route(_ request: EmulatorRequest, serverAddress: String) -> EmulatorResponse {
        switch request.path {
        case "/version": return EmulatorResponse(status: 200, json: Discovery.version(version))
        case "/api": return EmulatorResponse(status: 200, json: Discovery.coreVersions(serverAddress: serverAddress))
        case "/apis": return EmulatorResponse(status: 200, json: Discovery.groups)
        case "/healthz", "/livez", "/readyz": return EmulatorResponse(status: 200, text: "ok")
        case "/openapi/v3": return EmulatorResponse(status: 200, json: OpenAPIDocuments.index)
        default: break
        }
        let trimmed = request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        if let document = OpenAPIDocuments.document(path: trimmed) { return EmulatorResponse(status: 200, json: document) }
        if trimmed == "/api/v1", let list = Discovery.resources(groupVersion: "v1") {
            return EmulatorResponse(status: 200, json: list)
        }
        if trimmed.hasPrefix("/apis/"), trimmed.split(separator: "/").count == 3,
           let list = Discovery.resources(groupVersion: String(trimmed.dropFirst(6))) {
            return EmulatorResponse(status: 200, json: list)
        }
        guard let route = ResourceRoute(path: trimmed) else { return APIStatus.pathNotFound(request.path).response }
        do {
            return try perform(request, route)
        } catch {
            return error.response
        }
    }

    private func perform(_ request: EmulatorRequest, _ route: ResourceRoute) throws(APIStatus) -> EmulatorResponse {
        switch (request.method, route.name) {
        case ("GET", nil):
            return EmulatorResponse(status: 200, json: try store.list(route, request))
        case ("GET", _):
            return EmulatorResponse(status: 200, json: try store.get(route))
        case ("POST", nil):
            return EmulatorResponse(status: 201, json: try store.create(route, request))
        case ("PUT", _?):
            return EmulatorResponse(status: 200, json: try store.update(route, request))
        case ("PATCH", _?):
            let (object, created) = try store.patch(route, request)
            return EmulatorResponse(status: created ? 201 : 200, json: object)
        case ("DELETE", _?):
            return EmulatorResponse(status: 200, json: try store.delete(route, request))
        default:
            throw APIStatus.methodNotAllowed(request.method)
        }
    }
}
