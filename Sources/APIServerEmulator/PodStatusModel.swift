import ObjectModel

/// The status a kubelet (or, for a pod that does not fit, the scheduler) reports for one daemon pod.
struct PodStatusModel {
    var spec: JSONValue
    var node: JSONValue
    var pod: String
    var namespace: String
    var runtime: PodRuntime
    var time: String

    var nodeName: String { node["metadata"]?["name"]?.stringValue ?? "" }

    /// Pending with `PodScheduled=False`, the scheduler's message naming the short resources.
    func unschedulable(_ shortfalls: [String], nodeCount: Int) -> JSONValue {
        ["phase": "Pending", "qosClass": qosClass,
         "conditions": [["type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                         "message": .string(Self.schedulerMessage(shortfalls, nodeCount: nodeCount)), "lastTransitionTime": .string(time)]]]
    }

    /// `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. …`
    static func schedulerMessage(_ shortfalls: [String], nodeCount: Int) -> String {
        var parts = ["1 " + shortfalls.map { "Insufficient \($0)" }.joined(separator: ", 1 ")]
        if nodeCount > 1 { parts.append("\(nodeCount - 1) node(s) didn't match Pod's node affinity/selector") }
        var preemption = ["1 No preemption victims found for incoming pod"]
        if nodeCount > 1 { preemption.append("\(nodeCount - 1) Preemption is not helpful for scheduling") }
        return "0/\(nodeCount) nodes are available: \(parts.joined(separator: ", ")). preemption: 0/\(nodeCount) nodes are available: "
            + preemption.joined(separator: ", ") + "."
    }

    /// The status of a pod bound to its node: Pending on a node that is not Ready or while the
    /// revision is unknown (stalled), else one container status per container, from its script.
    func scheduled(hashKnown: Bool) -> JSONValue {
        let hostIP = (node["status"]?["addresses"]?.arrayValue ?? []).first { $0["type"] == "InternalIP" }?["address"] ?? ""
        var status: [String: JSONValue] = ["hostIP": hostIP, "qosClass": qosClass, "startTime": .string(time)]
        let scheduledCondition = condition("PodScheduled", true)
        guard KubeletNode.isReady(node), hashKnown else {
            status["phase"] = "Pending"
            status["conditions"] = [scheduledCondition]
            return .object(status)
        }
        let containers = (spec["containers"]?.arrayValue ?? []).map { container in
            (container, runtime.script(node: nodeName, container: container["name"]?.stringValue ?? ""))
        }
        let unready = containers.filter { !$0.1.isReady }.compactMap { $0.0["name"]?.stringValue }
        let ready = unready.isEmpty
        let message = "containers with unready status: [\(unready.joined(separator: " "))]"
        status["phase"] = containers.allSatisfy { $0.1.hasStarted } ? "Running" : "Pending"
        status["conditions"] = [condition("Initialized", true), condition("Ready", ready, message: message),
                                condition("ContainersReady", ready, message: message), scheduledCondition]
        status["containerStatuses"] = .array(containers.map { containerStatus($0.0, $0.1) })
        return .object(status)
    }

    private func condition(_ type: String, _ value: Bool, message: String = "") -> JSONValue {
        var condition: [String: JSONValue] = ["type": .string(type), "status": value ? "True" : "False", "lastTransitionTime": .string(time)]
        if !value, !message.isEmpty {
            condition["reason"] = "ContainersNotReady"
            condition["message"] = .string(message)
        }
        return .object(condition)
    }

    /// One container's status under its script.
    func containerStatus(_ container: JSONValue, _ script: ContainerScript) -> JSONValue {
        let name = container["name"]?.stringValue ?? ""
        let image = container["image"] ?? ""
        var status: [String: JSONValue] = ["name": .string(name), "image": image, "ready": .bool(script.isReady), "restartCount": 0,
                                           "started": .bool(script.isReady), "imageID": "", "containerID": ""]
        let running: JSONValue = ["running": ["startedAt": .string(time)]]
        switch script {
        case .running, .unready:
            status["state"] = running
            status["imageID"] = .string("docker.io/library/\(image.stringValue ?? "")@sha256:0")
            status["containerID"] = .string("containerd://\(pod)-\(name)")
        case .crashLoop(let exitCode, let reason, let restarts, _):
            status["restartCount"] = .int(Int64(restarts))
            status["state"] = ["waiting": ["reason": "CrashLoopBackOff",
                                           "message": .string("back-off 5m0s restarting failed container=\(name) pod=\(pod)_\(namespace)")]]
            status["lastState"] = ["terminated": ["exitCode": .int(Int64(exitCode)), "reason": .string(reason), "startedAt": .string(time),
                                                  "finishedAt": .string(time), "containerID": .string("containerd://\(pod)-\(name)-\(restarts)")]]
            status["containerID"] = .string("containerd://\(pod)-\(name)-\(restarts)")
        case .imagePullBackOff:
            status["state"] = ["waiting": ["reason": "ImagePullBackOff", "message": .string("Back-off pulling image \"\(image.stringValue ?? "")\"")]]
        case .configError:
            status["state"] = ["waiting": ["reason": "CreateContainerConfigError", "message": .string(script.configMessage(namespace: namespace) ?? "")]]
        }
        return .object(status)
    }

    /// `Guaranteed`, `Burstable` or `BestEffort`, from the containers' requests and limits.
    var qosClass: JSONValue {
        let containers = spec["containers"]?.arrayValue ?? []
        let resources = containers.map { $0["resources"] ?? [:] }
        if resources.allSatisfy({ ($0["requests"]?.objectValue ?? [:]).isEmpty && ($0["limits"]?.objectValue ?? [:]).isEmpty }) {
            return "BestEffort"
        }
        let guaranteed = resources.allSatisfy { resource in
            let limits = resource["limits"]?.objectValue ?? [:]
            return limits["cpu"] != nil && limits["memory"] != nil && (resource["requests"]?.objectValue ?? limits) == limits
        }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
