import ObjectModel

/// Reads a DaemonSet's pods that are not ready: phase, conditions, container states and
/// reasons, restart counts, and — with the previous logs — the causes behind them.
struct PodInspection: Sendable {
    /// Previous logs by pod name, then container name.
    var previousLogs: [String: [String: [String]]]

    /// The problems of every pod that is not ready, by pod name.
    func problems(_ pods: [JSONValue]) -> [PodProblem] {
        pods.filter { !PodFacts.isReady($0) }.map(problem).sorted { $0.pod < $1.pod }
    }

    /// The containers whose previous log is worth fetching: restarted at least once.
    static func crashedContainers(_ pods: [JSONValue]) -> [ContainerReference] {
        pods.filter { !PodFacts.isReady($0) }.flatMap { pod -> [ContainerReference] in
            let name = pod["metadata"]?["name"]?.stringValue ?? ""
            let statuses = (pod["status"]?["initContainerStatuses"]?.arrayValue ?? []) + (pod["status"]?["containerStatuses"]?.arrayValue ?? [])
            return statuses.filter { ($0["restartCount"]?.intValue ?? 0) > 0 && $0["ready"] != true }
                .compactMap { $0["name"]?.stringValue }.map { ContainerReference(pod: name, container: $0) }
        }
    }

    private func problem(_ pod: JSONValue) -> PodProblem {
        let name = pod["metadata"]?["name"]?.stringValue ?? ""
        let conditions = (pod["status"]?["conditions"]?.arrayValue ?? []).filter { $0["status"] != "True" }.map { condition in
            [condition["type"], condition["reason"], condition["message"]].compactMap { $0?.stringValue }.filter { !$0.isEmpty }
                .joined(separator: ": ")
        }
        let spec = pod["spec"] ?? [:]
        var containers: [ContainerProblem] = []
        for (key, isInit) in [("initContainerStatuses", true), ("containerStatuses", false)] {
            for status in pod["status"]?[key]?.arrayValue ?? [] where status["ready"] != true {
                if isInit, status["state"]?["terminated"]?["exitCode"] == 0 { continue }
                containers.append(container(status, isInit: isInit, pod: name, spec: spec))
            }
        }
        if containers.isEmpty, pod["status"]?["containerStatuses"] == nil {
            containers = (spec["containers"]?.arrayValue ?? []).map { unreported($0) }
        }
        return PodProblem(pod: name, node: PodFacts.nodeName(of: pod), phase: pod["status"]?["phase"]?.stringValue ?? "Unknown",
                          conditions: conditions, containers: containers)
    }

    private func container(_ status: JSONValue, isInit: Bool, pod: String, spec: JSONValue) -> ContainerProblem {
        let name = status["name"]?.stringValue ?? ""
        let (state, detail) = Self.state(status["state"])
        let last = status["lastState"]?["terminated"]
        let termination = last.map { "\($0["reason"]?.stringValue ?? "Terminated"), exit code \($0["exitCode"]?.intValue ?? 0)" }
        let log = previousLogs[pod]?[name] ?? []
        let definition = ((isInit ? spec["initContainers"] : spec["containers"])?.arrayValue ?? []).first { $0["name"]?.stringValue == name } ?? [:]
        let reason = detail["reason"]?.stringValue ?? ""
        let message = detail["message"]?.stringValue ?? ""
        return ContainerProblem(
            name: name, isInit: isInit, state: state, reason: reason, message: message,
            restarts: Int(status["restartCount"]?.intValue ?? 0), lastTermination: termination,
            image: status["image"]?.stringValue ?? definition["image"]?.stringValue ?? "", previousLog: log,
            missingReference: reason == "CreateContainerConfigError" ? Causes.missingReference(message, container: definition, pod: spec) : nil,
            permissionProblems: Causes.permissionProblems(log, container: definition, pod: spec))
    }

    private func unreported(_ definition: JSONValue) -> ContainerProblem {
        ContainerProblem(name: definition["name"]?.stringValue ?? "", isInit: false, state: "unknown", reason: "",
                         message: "the kubelet has reported no status for this container", restarts: 0, lastTermination: nil,
                         image: definition["image"]?.stringValue ?? "", previousLog: [], missingReference: nil, permissionProblems: [])
    }

    /// The state's name and body.
    static func state(_ state: JSONValue?) -> (String, JSONValue) {
        for name in ["waiting", "terminated", "running"] {
            if let body = state?[name] { return (name, body) }
        }
        return ("unknown", [:])
    }
}

/// One container of one pod.
public struct ContainerReference: Sendable, Hashable {
    /// The pod's name.
    public var pod: String
    /// The container's name.
    public var container: String

    /// Names a container of a pod.
    public init(pod: String, container: String) {
        self.pod = pod
        self.container = container
    }
}
