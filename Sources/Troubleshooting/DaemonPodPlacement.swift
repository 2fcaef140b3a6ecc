import KubernetesRules
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
        for mismatch in NodeSelection.nodeSelectorMismatches(spec, labels: labels) {
            reasons.append(.nodeSelector(key: mismatch.key, wanted: mismatch.wanted, actual: mismatch.actual))
        }
        if let affinity = NodeAffinityCheck.failure(spec, labels: labels, nodeName: nodeName) { reasons.append(affinity) }
        let taints = node["spec"]?["taints"]?.arrayValue ?? []
        for taint in TaintToleration.untoleratedDaemonPodTaints(spec: spec, taints: taints) {
            let key = taint["key"]?.stringValue ?? "", value = taint["value"]?.stringValue ?? ""
            reasons.append(.untoleratedTaint(key: key, value: value, effect: taint["effect"]?.stringValue ?? ""))
        }
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
        guard let terms = NodeSelection.requiredTerms(spec) else { return nil }
        var firstFailure: PlacementReason?
        for (index, term) in terms.enumerated() {
            switch NodeSelection.outcome(of: term, labels: labels, nodeName: nodeName) {
            case .matches:
                return nil
            case .empty:
                firstFailure = firstFailure ?? .nodeAffinity(term: index + 1, requirement: "(empty term)", actual: nil)
            case .unmet(let requirement, let actual):
                firstFailure = firstFailure ?? .nodeAffinity(term: index + 1, requirement: describe(requirement), actual: actual)
            }
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
}
