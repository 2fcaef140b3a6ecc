import Foundation
import ObjectModel

extension PodBook {
    /// Records an event about `involved` (kind, apiVersion, namespace, name, uid), or counts it
    /// again when the same reason and message were recorded for it before.
    mutating func record(on involved: JSONValue, reason: String, message: String, type: String, component: String,
                         host: String? = nil, count: Int = 1, _ store: ObjectStore) {
        let now = JSONValue.string(store.timestamp())
        if let index = events.firstIndex(where: { $0["involvedObject"] == involved && $0["reason"]?.stringValue == reason
            && $0["message"]?.stringValue == message }) {
            events[index]["count"] = .int((events[index]["count"]?.intValue ?? 1) + Int64(count))
            events[index]["lastTimestamp"] = now
            return
        }
        let name = "\(involved["name"]?.stringValue ?? "").\(String(format: "%016x", 0x17c0_0000_0000_0000 + events.count))"
        var source: [String: JSONValue] = ["component": .string(component)]
        if let host { source["host"] = .string(host) }
        events.append([
            "metadata": ["name": .string(name), "namespace": involved["namespace"] ?? "", "uid": .string(UUID().uuidString.lowercased()),
                         "resourceVersion": .string(String(store.resourceVersion)), "creationTimestamp": now],
            "involvedObject": involved, "reason": .string(reason), "message": .string(message), "type": .string(type),
            "source": .object(source), "firstTimestamp": now, "lastTimestamp": now, "count": .int(Int64(count)),
            "reportingComponent": .string(component), "reportingInstance": .string(host ?? ""),
        ])
    }

    /// Records the scheduler's and the kubelet's events for what changed in a pod since the last
    /// call: scheduling, then each container's pulls, starts, back-offs and errors.
    mutating func recordStateEvents(_ pod: JSONValue, _ runtime: PodRuntime, _ store: ObjectStore) {
        let uid = pod["metadata"]?["uid"]?.stringValue ?? ""
        let name = pod["metadata"]?["name"]?.stringValue ?? ""
        let namespace = pod["metadata"]?["namespace"]?.stringValue ?? ""
        let involved: JSONValue = ["kind": "Pod", "apiVersion": "v1", "namespace": .string(namespace), "name": .string(name), "uid": .string(uid)]
        let node = pod["spec"]?["nodeName"]?.stringValue
        let scheduling = node == nil ? "unschedulable" : "scheduled"
        if reported[uid]?["_pod"] != scheduling {
            reported[uid, default: [:]]["_pod"] = scheduling
            if let node {
                record(on: involved, reason: "Scheduled", message: "Successfully assigned \(namespace)/\(name) to \(node)", type: "Normal",
                       component: "default-scheduler", store)
            } else {
                let message = pod["status"]?["conditions"]?.arrayValue?.first?["message"]?.stringValue ?? ""
                record(on: involved, reason: "FailedScheduling", message: message, type: "Warning", component: "default-scheduler", store)
            }
        }
        for status in pod["status"]?["containerStatuses"]?.arrayValue ?? [] {
            let container = status["name"]?.stringValue ?? ""
            let key = Self.stateKey(status)
            guard reported[uid]?[container] != key else { continue }
            reported[uid, default: [:]][container] = key
            var pullDetail = "not found"
            if case .imagePullBackOff(let detail) = runtime.script(node: node ?? "", container: container) { pullDetail = detail }
            for event in Self.kubeletEvents(status, pod: name, namespace: namespace, uid: uid, pullDetail: pullDetail) {
                var fieldInvolved = involved
                fieldInvolved["fieldPath"] = .string("spec.containers{\(container)}")
                record(on: fieldInvolved, reason: event.reason, message: event.message, type: event.type, component: "kubelet",
                       host: node, count: event.count, store)
            }
        }
    }

    /// The state a container's events were recorded for.
    static func stateKey(_ status: JSONValue) -> String {
        let waiting = status["state"]?["waiting"]?["reason"]?.stringValue
        return "\(waiting ?? "running"):\(status["ready"] == true):\(status["restartCount"]?.intValue ?? 0)"
    }

    /// The kubelet's events for a container status.
    static func kubeletEvents(_ status: JSONValue, pod: String, namespace: String, uid: String, pullDetail: String)
        -> [(reason: String, message: String, type: String, count: Int)]
    {
        let name = status["name"]?.stringValue ?? ""
        let image = status["image"]?.stringValue ?? ""
        let started: [(String, String, String, Int)] = [
            ("Pulled", "Container image \"\(image)\" already present on machine", "Normal", 1),
            ("Created", "Created container: \(name)", "Normal", 1), ("Started", "Started container \(name)", "Normal", 1),
        ]
        let restarts = Int(status["restartCount"]?.intValue ?? 0)
        switch status["state"]?["waiting"]?["reason"]?.stringValue {
        case "CrashLoopBackOff"?:
            return started + [("BackOff", "Back-off restarting failed container \(name) in pod \(pod)_\(namespace)(\(uid))", "Warning", restarts)]
        case "ImagePullBackOff"?:
            return [("Pulling", "Pulling image \"\(image)\"", "Normal", 1),
                    ("Failed", "Failed to pull image \"\(image)\": rpc error: code = NotFound desc = failed to pull and unpack image \"\(image)\": \(pullDetail)", "Warning", 1),
                    ("Failed", "Error: ErrImagePull", "Warning", 1), ("BackOff", "Back-off pulling image \"\(image)\"", "Normal", 1),
                    ("Failed", "Error: ImagePullBackOff", "Warning", 1)]
        case "CreateContainerConfigError"?:
            return [("Failed", "Error: \(status["state"]?["waiting"]?["message"]?.stringValue ?? "")", "Warning", 1)]
        default:
            guard status["ready"] != true else { return started }
            return started + [("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", "Warning", 1)]
        }
    }
}
