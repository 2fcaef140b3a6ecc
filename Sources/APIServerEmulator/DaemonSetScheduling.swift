import ObjectModel

/// Where a DaemonSet's pod belongs, decided as the real controller's `NodeShouldRunDaemonPod`
/// does: node name, nodeSelector and required node affinity must match, and every NoSchedule
/// or NoExecute taint must be tolerated, counting the tolerations the controller adds to every
/// daemon pod.
///
/// `spec.unschedulable` itself is not checked: the controller tolerates the taint the node
/// lifecycle controller derives from it.
enum DaemonSetScheduling {
    /// The verdict for one node.
    struct Placement: Sendable, Hashable {
        /// The node should run a daemon pod.
        var shouldRun: Bool
        /// A daemon pod already there may stay (an untolerated NoSchedule taint keeps it).
        var shouldContinueRunning: Bool
    }

    /// The verdict for the pod template `template` on `node`.
    static func placement(of template: JSONValue, on node: JSONValue) -> Placement {
        let spec = template["spec"] ?? [:]
        let nodeName = node["metadata"]?["name"]?.stringValue ?? ""
        if let wanted = spec["nodeName"]?.stringValue, !wanted.isEmpty, wanted != nodeName {
            return Placement(shouldRun: false, shouldContinueRunning: false)
        }
        let labels = (node["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        guard NodeAffinity.matches(spec, labels: labels, nodeName: nodeName) else {
            return Placement(shouldRun: false, shouldContinueRunning: false)
        }
        let tolerations = (spec["tolerations"]?.arrayValue ?? []) + defaultTolerations(hostNetwork: spec["hostNetwork"] == true)
        let taints = node["spec"]?["taints"]?.arrayValue ?? []
        let untolerated = taints.filter { taint in
            ["NoSchedule", "NoExecute"].contains(taint["effect"]?.stringValue ?? "")
                && !tolerations.contains { tolerates($0, taint) }
        }
        guard untolerated.isEmpty else {
            let evicting = untolerated.contains { $0["effect"] == "NoExecute" }
            return Placement(shouldRun: false, shouldContinueRunning: !evicting)
        }
        return Placement(shouldRun: true, shouldContinueRunning: true)
    }

    /// The tolerations the DaemonSet controller adds to every daemon pod
    /// (`AddOrUpdateDaemonPodTolerations`).
    static func defaultTolerations(hostNetwork: Bool) -> [JSONValue] {
        var tolerations: [JSONValue] = [
            toleration("node.kubernetes.io/not-ready", "NoExecute"), toleration("node.kubernetes.io/unreachable", "NoExecute"),
            toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/unschedulable", "NoSchedule"),
        ]
        if hostNetwork { tolerations.append(toleration("node.kubernetes.io/network-unavailable", "NoSchedule")) }
        return tolerations
    }

    /// Whether `toleration` tolerates `taint` (`Toleration.ToleratesTaint`).
    static func tolerates(_ toleration: JSONValue, _ taint: JSONValue) -> Bool {
        let effect = toleration["effect"]?.stringValue ?? ""
        if !effect.isEmpty, effect != taint["effect"]?.stringValue { return false }
        let key = toleration["key"]?.stringValue ?? ""
        if !key.isEmpty, key != taint["key"]?.stringValue { return false }
        switch toleration["operator"]?.stringValue ?? "Equal" {
        case "Exists": return true
        case "Equal", "": return (toleration["value"]?.stringValue ?? "") == (taint["value"]?.stringValue ?? "")
        default: return false
        }
    }

    private static func toleration(_ key: String, _ effect: String) -> JSONValue {
        ["key": .string(key), "operator": "Exists", "effect": .string(effect)]
    }
}

/// `nodeSelector` and `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`.
enum NodeAffinity {
    /// Whether a pod spec's node selector and required node affinity accept a node.
    static func matches(_ spec: JSONValue, labels: [String: String], nodeName: String) -> Bool {
        let selector = (spec["nodeSelector"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        guard selector.allSatisfy({ labels[$0.key] == $0.value }) else { return false }
        let required = spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]
        guard let terms = required?["nodeSelectorTerms"]?.arrayValue else { return true }
        // Terms are ORed; an empty term matches nothing.
        return terms.contains { term in
            let expressions = term["matchExpressions"]?.arrayValue ?? []
            let fields = term["matchFields"]?.arrayValue ?? []
            guard !expressions.isEmpty || !fields.isEmpty else { return false }
            return expressions.allSatisfy { requirement($0, holdsFor: labels) }
                && fields.allSatisfy { requirement($0, holdsFor: ["metadata.name": nodeName]) }
        }
    }

    /// One `NodeSelectorRequirement` (In, NotIn, Exists, DoesNotExist, Gt, Lt).
    static func requirement(_ expression: JSONValue, holdsFor labels: [String: String]) -> Bool {
        let key = expression["key"]?.stringValue ?? ""
        let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
        let value = labels[key]
        switch expression["operator"]?.stringValue ?? "" {
        case "In": return value.map(values.contains) ?? false
        case "NotIn": return !(value.map(values.contains) ?? false)
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt", "Lt":
            guard let number = value.flatMap({ Int($0) }), values.count == 1, let bound = Int(values[0]) else { return false }
            return expression["operator"] == "Gt" ? number > bound : number < bound
        default: return false
        }
    }
}
