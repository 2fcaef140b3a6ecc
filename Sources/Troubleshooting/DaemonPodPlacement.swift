import ObjectModel

/// Where a DaemonSet's pod template lands, decided as the DaemonSet controller's
/// `NodeShouldRunDaemonPod` and the scheduler's resource fit decide, but collecting every
/// reason instead of stopping at the first.
///
/// ```swift
/// let verdicts = DaemonPodPlacement(template: template).verdicts(nodes: nodes, otherPods: others)
/// ```
public struct DaemonPodPlacement: Sendable {
    /// The pod template (`spec.template` of the DaemonSet).
    public var template: JSONValue

    /// A placement of `template`.
    public init(template: JSONValue) {
        self.template = template
    }

    /// One verdict per node, in the nodes' order.
    /// - Parameters:
    ///   - nodes: Node objects.
    ///   - otherPods: the other pods that count against the nodes' allocatable (not this
    ///     DaemonSet's, not Succeeded or Failed); empty when unknown.
    public func verdicts(nodes: [JSONValue], otherPods: [JSONValue]) -> [NodeVerdict] {
        nodes.map { node in
            let name = node["metadata"]?["name"]?.stringValue ?? ""
            let others = otherPods.filter { PodFacts.nodeName(of: $0) == name }
            return verdict(on: node, otherPods: others)
        }
    }

    /// The verdict for one node, given the other pods already bound to it.
    public func verdict(on node: JSONValue, otherPods: [JSONValue]) -> NodeVerdict {
        let name = node["metadata"]?["name"]?.stringValue ?? ""
        var reasons = exclusions(on: node)
        reasons += ResourceFit(pod: template["spec"] ?? [:]).shortfalls(on: node, otherPods: otherPods)
        if let notReady = Self.readiness(of: node) { reasons.append(notReady) }
        let notes: [PlacementReason] = node["spec"]?["unschedulable"] == true ? [.cordoned] : []
        let outcome: NodeVerdict.Outcome = reasons.contains(where: \.excludesNode) ? .excluded
            : reasons.contains(where: \.blocksPod) ? .blocked : .runs
        return NodeVerdict(node: name, outcome: outcome, reasons: reasons, notes: notes)
    }

    /// Node name, node selector, required node affinity and taints.
    func exclusions(on node: JSONValue) -> [PlacementReason] {
        let spec = template["spec"] ?? [:]
        let nodeName = node["metadata"]?["name"]?.stringValue ?? ""
        var reasons: [PlacementReason] = []
        if let wanted = spec["nodeName"]?.stringValue, !wanted.isEmpty, wanted != nodeName {
            reasons.append(.nodeName(wanted: wanted))
        }
        let labels = (node["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        for (key, wanted) in (spec["nodeSelector"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let wantedText = wanted.stringValue ?? ""
            if labels[key] != wantedText { reasons.append(.nodeSelector(key: key, wanted: wantedText, actual: labels[key])) }
        }
        if let affinity = NodeAffinityCheck.failure(spec, labels: labels, nodeName: nodeName) { reasons.append(affinity) }
        reasons += TaintCheck.untolerated(spec, taints: node["spec"]?["taints"]?.arrayValue ?? [])
        return reasons
    }

    /// `.notReady` unless the node's Ready condition is True.
    static func readiness(of node: JSONValue) -> PlacementReason? {
        let conditions = node["status"]?["conditions"]?.arrayValue ?? []
        guard let ready = conditions.first(where: { $0["type"] == "Ready" }) else {
            return .notReady(status: "Unknown", reason: "", message: "the node reports no Ready condition")
        }
        let status = ready["status"]?.stringValue ?? "Unknown"
        guard status != "True" else { return nil }
        return .notReady(status: status, reason: ready["reason"]?.stringValue ?? "", message: ready["message"]?.stringValue ?? "")
    }
}

/// Required node affinity (`requiredDuringSchedulingIgnoredDuringExecution`), terms ORed.
enum NodeAffinityCheck {
    /// `nil` when a term matches (or there are none); else the first failing requirement of the first term.
    static func failure(_ spec: JSONValue, labels: [String: String], nodeName: String) -> PlacementReason? {
        let required = spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]
        guard let terms = required?["nodeSelectorTerms"]?.arrayValue else { return nil }
        var firstFailure: PlacementReason?
        for (index, term) in terms.enumerated() {
            let expressions = (term["matchExpressions"]?.arrayValue ?? []).map { ($0, labels) }
            let fields = (term["matchFields"]?.arrayValue ?? []).map { ($0, ["metadata.name": nodeName]) }
            let all = expressions + fields
            guard let failing = all.first(where: { !holds($0.0, $0.1) }) else {
                if !all.isEmpty { return nil }
                firstFailure = firstFailure ?? .nodeAffinity(term: index + 1, requirement: "(empty term)", actual: nil)
                continue
            }
            let key = failing.0["key"]?.stringValue ?? ""
            firstFailure = firstFailure ?? .nodeAffinity(term: index + 1, requirement: describe(failing.0), actual: failing.1[key])
        }
        return firstFailure
    }

    /// `key In [a, b]`, `key Exists`.
    static func describe(_ expression: JSONValue) -> String {
        let key = expression["key"]?.stringValue ?? ""
        let op = expression["operator"]?.stringValue ?? ""
        let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
        return values.isEmpty ? "\(key) \(op)" : "\(key) \(op) [\(values.joined(separator: ", "))]"
    }

    /// One `NodeSelectorRequirement` (In, NotIn, Exists, DoesNotExist, Gt, Lt).
    static func holds(_ expression: JSONValue, _ labels: [String: String]) -> Bool {
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

/// Taints against the pod's tolerations plus those the DaemonSet controller adds to every daemon pod.
enum TaintCheck {
    /// The `NoSchedule` and `NoExecute` taints nothing tolerates.
    static func untolerated(_ spec: JSONValue, taints: [JSONValue]) -> [PlacementReason] {
        let tolerations = (spec["tolerations"]?.arrayValue ?? []) + daemonTolerations(hostNetwork: spec["hostNetwork"] == true)
        return taints.compactMap { taint in
            let effect = taint["effect"]?.stringValue ?? ""
            guard ["NoSchedule", "NoExecute"].contains(effect), !tolerations.contains(where: { tolerates($0, taint) }) else { return nil }
            return .untoleratedTaint(key: taint["key"]?.stringValue ?? "", value: taint["value"]?.stringValue ?? "", effect: effect)
        }
    }

    /// The controller's `AddOrUpdateDaemonPodTolerations`.
    static func daemonTolerations(hostNetwork: Bool) -> [JSONValue] {
        var pairs = [("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
                     ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
                     ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule")]
        if hostNetwork { pairs.append(("node.kubernetes.io/network-unavailable", "NoSchedule")) }
        return pairs.map { ["key": .string($0.0), "operator": "Exists", "effect": .string($0.1)] }
    }

    /// `Toleration.ToleratesTaint`.
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
}
