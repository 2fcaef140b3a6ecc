import Foundation
import KubernetesRules
import ObjectModel

/// The emulator's shared mutable state behind one lock: the store and the request log.
/// Every request is handled whole under the lock, so writes are serialised like etcd's.
final class EmulatorState: @unchecked Sendable {
    let lock = NSLock()
    var store: ObjectStore
    private var log: [RecordedRequest] = []
    private let version: KubernetesVersion
    private var tokens: Set<String>
    private var faults: [Fault] = []
    /// Resources (by plural) every request to which gets 403, as without RBAC permission.
    private var forbidden: Set<String> = []
    var controller = DaemonSetController()
    /// The pods and events derived from the controller and the kubelets' scripts.
    var podBook = PodBook()
    /// The open watches and the recent events they resume from.
    var watches: WatchHub
    /// How watches behave.
    let watchSettings: WatchSettings

    /// A fresh state for a server of `version` that accepts bearer `token`, with the system
    /// namespaces and `nodes` Ready nodes `node-1`…`node-N` registered.
    init(version: KubernetesVersion, token: String, nodes: Int = 0, watchSettings: WatchSettings = WatchSettings()) {
        self.store = ObjectStore(version: version)
        self.version = version
        self.tokens = [token]
        self.watchSettings = watchSettings
        self.watches = WatchHub(historyLimit: watchSettings.historyLimit)
        store.putSystemNamespaces()
        for index in stride(from: 1, through: nodes, by: 1) {
            store.putNode(KubeletNode.node(name: "node-\(index)", index: index, version: version))
        }
        publishWatchEvents()
    }

    /// Adds or replaces a node, then lets the DaemonSet controller react.
    func putNode(_ node: JSONValue) {
        lock.withLock {
            store.putNode(node)
            controller.reconcileAll(&store)
            podBook.sync(store, controller)
            publishWatchEvents()
        }
    }

    /// Changes the rollout pace, then lets the DaemonSet controller react.
    func setRolloutPace(_ pace: RolloutPace) {
        lock.withLock {
            controller.pace = pace
            controller.reconcileAll(&store)
            podBook.sync(store, controller)
            publishWatchEvents()
        }
    }

    /// Replaces the accepted bearer tokens.
    func acceptTokens(_ accepted: Set<String>) {
        lock.withLock { tokens = accepted }
    }

    /// Replaces the resources (plurals, such as `leases`) that answer 403 Forbidden.
    func forbid(_ plurals: Set<String>) {
        lock.withLock { forbidden = plurals }
    }

    /// Queues faults to serve instead of the next requests, oldest first.
    func injectFaults(_ more: [Fault]) {
        lock.withLock { faults.append(contentsOf: more) }
    }

    /// How many injected faults are still queued.
    var pendingFaults: Int { lock.withLock { faults.count } }

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
            if let index = faults.firstIndex(where: { $0.applies(to: request) }) {
                response = faults.remove(at: index).response
            } else if hasClientCertificate || isAcceptedToken(request.headers["authorization"]) {
                response = route(request, serverAddress: serverAddress)
                // The kubelets react to writes (and to reads that move a paced rollout); pod
                // and event reads sync first. Syncing on every read made a cluster of a
                // thousand DaemonSets slow to read, and syncing every DaemonSet's pods on
                // every write made its applies slow: a write syncs only the pods it moves.
                if request.method != "GET" {
                    podBook.sync(store, controller, only: Self.podSyncScope(after: request))
                } else if controller.pace != .immediate {
                    podBook.sync(store, controller)
                }
            } else {
                response = APIStatus.unauthorized.response
            }
            log.append(RecordedRequest(method: request.method, path: request.path, query: request.query, headers: request.headers,
                                       body: String(decoding: request.body, as: UTF8.self), responseStatus: response.status))
            publishWatchEvents()
            return response
        }
    }

    private func isAcceptedToken(_ authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        return tokens.contains(String(authorization.dropFirst("Bearer ".count)))
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
        if let podRoute = PodRoute(path: trimmed) { return respond(request, podRoute) }
        guard let route = ResourceRoute(path: trimmed) else { return APIStatus.pathNotFound(request.path).response }
        if forbidden.contains(route.resource.plural) {
            return APIStatus.forbidden(route.resource, verb: Self.verb(request.method, named: route.name != nil),
                                       namespace: route.namespace, name: route.name).response
        }
        do {
            let response = try perform(request, route)
            // Status written by hand stays until the next write the controller reacts to.
            let touchesController = ["DaemonSet", "Node", "Namespace"].contains(route.resource.kind) && route.subresource == nil
            if request.method != "GET", touchesController, !request.isDryRun { reconcile(after: request, on: route) }
            return response
        } catch {
            return error.response
        }
    }

    /// The RBAC verb of a request.
    private static func verb(_ method: String, named: Bool) -> String {
        switch method {
        case "GET": return named ? "get" : "list"
        case "POST": return "create"
        case "PUT": return "update"
        default: return method.lowercased()
        }
    }

    private func perform(_ request: EmulatorRequest, _ route: ResourceRoute) throws(APIStatus) -> EmulatorResponse {
        if route.subresource != nil {
            guard request.method != "GET" else { return EmulatorResponse(status: 200, json: try store.get(route)) }
            guard ["PUT", "PATCH"].contains(request.method) else { throw APIStatus.methodNotAllowed(request.method) }
            return EmulatorResponse(status: 200, json: try store.writeStatus(route, request))
        }
        switch (request.method, route.name) {
        case ("GET", nil):
            if route.resource.kind == "DaemonSet" { controller.advance(&store, namespace: route.namespace, name: nil) }
            if let plan = try WatchPlan(request, route) { return EmulatorResponse(watch: plan) }
            return tableIfAsked(try store.list(route, request), request, route)
        case ("GET", _):
            if route.resource.kind == "DaemonSet" { controller.advance(&store, namespace: route.namespace, name: route.name) }
            return tableIfAsked(try store.get(route), request, route)
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

    /// The object or list as JSON, or as a Table when the client asked for one.
    private func tableIfAsked(_ value: JSONValue, _ request: EmulatorRequest, _ route: ResourceRoute) -> EmulatorResponse {
        guard TablePrinter.wantsTable(request) else { return EmulatorResponse(status: 200, json: value) }
        let objects = value["items"]?.arrayValue ?? [value]
        let version = value["metadata"]?["resourceVersion"]?.stringValue ?? String(store.resourceVersion)
        let table = TablePrinter.table(objects, type: route.resource, resourceVersion: version, now: store.now())
        return EmulatorResponse(status: 200, json: table)
    }
}

extension EmulatorState {
    /// What the controller does after a write: a named DaemonSet changed alone is reconciled
    /// alone (so a cluster of a thousand DaemonSets does not reconcile them all on every apply),
    /// a Namespace created or changed moves no DaemonSet, and anything else reconciles them all.
    func reconcile(after request: EmulatorRequest, on route: ResourceRoute) {
        switch (route.resource.kind, request.method) {
        case ("DaemonSet", "DELETE"), ("Namespace", "DELETE"), ("Node", _): controller.reconcileAll(&store)
        case ("DaemonSet", _):
            guard let name = route.name, let namespace = route.namespace else { return controller.reconcileAll(&store) }
            controller.reconcile(only: ObjectKey(route.resource, namespace: namespace, name: name), &store)
        case ("Namespace", _): break
        default: controller.reconcileAll(&store)
        }
    }

    /// The daemon pods a write can move, as ``reconcile(after:on:)`` moves the controller: a
    /// named or created DaemonSet's own (its status included), every DaemonSet's after a Node changes
    /// (placement), a Namespace is deleted or the DaemonSet is not named; none after any other
    /// write (pods are made from DaemonSets, Nodes and the pod runtime only).
    static func podSyncScope(after request: EmulatorRequest) -> PodBook.Scope {
        let trimmed = request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        guard let route = ResourceRoute(path: trimmed) else { return .none }
        switch (route.resource.kind, request.method) {
        case ("DaemonSet", let method):
            // A create names its DaemonSet in the body.
            let created = method == "POST" ? (try? request.decodedBody())?["metadata"]?["name"]?.stringValue : nil
            guard let name = route.name ?? created, let namespace = route.namespace else { return .all }
            return .daemonSets([ObjectKey(route.resource, namespace: namespace, name: name)])
        case ("Node", _), ("Namespace", "DELETE"): return .all
        default: return .none
        }
    }
}
