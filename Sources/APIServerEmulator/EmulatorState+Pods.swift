import Foundation
import ObjectModel

extension EmulatorState {
    /// Scripts a container of the daemon pods on `node`, then lets the controller and the
    /// kubelets react.
    func scriptPod(node: String, container: String, state: ContainerScript) {
        lock.withLock {
            controller.runtime.scripts[node, default: [:]][container] = state
            controller.reconcileAll(&store)
            podBook.sync(store, controller)
            publishWatchEvents()
        }
    }

    /// Adds or replaces a pod that no DaemonSet owns (its requests count against its node).
    func putOtherPod(_ pod: JSONValue) {
        lock.withLock {
            let key = "\(pod["metadata"]?["namespace"]?.stringValue ?? "default")/\(pod["metadata"]?["name"]?.stringValue ?? "")"
            controller.runtime.otherPods[key] = pod
            controller.reconcileAll(&store)
            podBook.sync(store, controller)
            publishWatchEvents()
        }
    }

    /// Answers GETs of pods, events and pod logs (the caller holds the lock).
    func respond(_ request: EmulatorRequest, _ route: PodRoute) -> EmulatorResponse {
        guard request.method == "GET" else { return APIStatus.methodNotAllowed(request.method).response }
        podBook.sync(store, controller)
        do throws(APIStatus) {
            let objects = route.plural == "pods" ? podBook.allPods(controller.runtime).map(\.value) : podBook.events
            let inNamespace = objects.filter { route.namespace == nil || $0["metadata"]?["namespace"]?.stringValue == route.namespace }
            guard let name = route.name else { return try list(inNamespace, request, route) }
            guard let object = inNamespace.first(where: { $0["metadata"]?["name"]?.stringValue == name }) else {
                throw APIStatus.notFound(route.type, name)
            }
            if route.subresource == "log" { return try PodLogs.response(pod: object, request: request, runtime: controller.runtime) }
            return EmulatorResponse(status: 200, json: ObjectStore.typed(object, route.type))
        } catch {
            return error.response
        }
    }

    private func list(_ objects: [JSONValue], _ request: EmulatorRequest, _ route: PodRoute) throws(APIStatus) -> EmulatorResponse {
        let labels = try LabelSelector(request.queryValue("labelSelector") ?? "")
        let fieldText = request.queryValue("fieldSelector") ?? ""
        let fields = try LabelSelector(fieldText)
        for requirement in fields.requirements {
            switch requirement {
            case .equals(let key, _), .notEquals(let key, _):
                guard route.selectableFields.contains(key) else { throw APIStatus.badRequest("field label not supported: \(key)") }
            default: throw APIStatus.badRequest("invalid selector: '\(fieldText)'; can't understand '\(fieldText)'")
            }
        }
        let items = objects.filter { object in
            labels.matches((object["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue))
                && fields.matches(route.fieldValues(object))
        }
        let version = String(store.resourceVersion)
        if TablePrinter.wantsTable(request) {
            return EmulatorResponse(status: 200, json: TablePrinter.table(items, type: route.type, resourceVersion: version, now: store.now()))
        }
        return EmulatorResponse(status: 200, json: [
            "kind": .string(route.type.listKind), "apiVersion": "v1", "metadata": ["resourceVersion": .string(version)],
            "items": .array(items),
        ])
    }
}
