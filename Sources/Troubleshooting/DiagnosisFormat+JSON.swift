import ObjectModel

extension DiagnosisFormat {
    /// The diagnosis as indented JSON: `{"daemonSet", "live", "healthy", "rollout", "nodes":
    /// [{"node", "pod", "outcome", "reasons": [{"code", "message"}], "notes"}], "nodesWithoutPod",
    /// "pods": [{"pod", "node", "phase", "conditions", "containers": [...]}], "events": [...]}`.
    public static func json(_ diagnosis: Diagnosis) -> String {
        var object: [String: JSONValue] = [
            "daemonSet": .string(diagnosis.daemonSet), "live": .bool(diagnosis.isLive), "healthy": .bool(diagnosis.isHealthy),
            "nodes": .array(diagnosis.nodes.map(node)), "nodesWithoutPod": .array(diagnosis.nodesWithoutPod.map(JSONValue.string)),
            "pods": .array(diagnosis.pods.map(pod)), "events": .array(diagnosis.events.map(event)),
        ]
        if let rollout = diagnosis.rollout { object["rollout"] = self.rollout(rollout) }
        return CanonicalJSON.pretty(.object(object)) + "\n"
    }

    private static func reason(_ reason: PlacementReason) -> JSONValue {
        ["code": .string(reason.code), "message": .string(reason.message)]
    }

    private static func node(_ verdict: NodeVerdict) -> JSONValue {
        var object: [String: JSONValue] = ["node": .string(verdict.node), "outcome": .string(verdict.outcome.rawValue),
                                           "reasons": .array(verdict.reasons.map(reason)), "notes": .array(verdict.notes.map(reason))]
        if let pod = verdict.pod { object["pod"] = .string(pod) }
        return .object(object)
    }

    private static func rollout(_ rollout: RolloutHealth) -> JSONValue {
        var object: [String: JSONValue] = [
            "expected": int(rollout.expected), "desired": int(rollout.desired), "current": int(rollout.current),
            "ready": int(rollout.ready), "unavailable": int(rollout.unavailable), "updated": int(rollout.updated),
            "misscheduled": int(rollout.misscheduled), "minReadySeconds": int(rollout.minReadySeconds),
            "observedLatest": .bool(rollout.observedLatest), "stuck": .array(rollout.stuck.map(JSONValue.string)),
        ]
        if let maxUnavailable = rollout.maxUnavailable { object["maxUnavailable"] = int(maxUnavailable) }
        return .object(object)
    }

    private static func pod(_ problem: PodProblem) -> JSONValue {
        var object: [String: JSONValue] = ["pod": .string(problem.pod), "phase": .string(problem.phase),
                                           "conditions": .array(problem.conditions.map(JSONValue.string)),
                                           "containers": .array(problem.containers.map(container))]
        if let node = problem.node { object["node"] = .string(node) }
        return .object(object)
    }

    private static func container(_ container: ContainerProblem) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(container.name), "init": .bool(container.isInit), "state": .string(container.state),
            "reason": .string(container.reason), "message": .string(container.message), "restarts": int(container.restarts),
            "image": .string(container.image), "previousLog": .array(container.previousLog.map(JSONValue.string)),
            "permissionProblems": .array(container.permissionProblems.map(permission)),
        ]
        if let last = container.lastTermination { object["lastTermination"] = .string(last) }
        if let missing = container.missingReference {
            var reference: [String: JSONValue] = ["kind": .string(missing.kind), "name": .string(missing.name),
                                                  "references": .array(missing.references.map(JSONValue.string))]
            if let namespace = missing.namespace { reference["namespace"] = .string(namespace) }
            if let key = missing.key { reference["key"] = .string(key) }
            object["missing"] = .object(reference)
        }
        return .object(object)
    }

    private static func permission(_ problem: HostPathPermission) -> JSONValue {
        ["path": .string(problem.path), "line": .string(problem.line), "mountPath": .string(problem.mountPath),
         "volume": .string(problem.volume), "hostPath": .string(problem.hostPath), "readOnly": .bool(problem.readOnly),
         "securityContext": .array(problem.securityContext.map(JSONValue.string))]
    }

    private static func event(_ line: EventLine) -> JSONValue {
        ["time": .string(line.time), "type": .string(line.type), "reason": .string(line.reason), "object": .string(line.object),
         "message": .string(line.message), "count": int(line.count)]
    }

    private static func int(_ value: Int) -> JSONValue { .int(Int64(value)) }
}
