import KubernetesRules
import ObjectModel

/// Where a DaemonSet's pod belongs, decided as the real controller's `NodeShouldRunDaemonPod`
/// does: node name, nodeSelector and required node affinity must match (``NodeSelection``), and
/// every NoSchedule or NoExecute taint must be tolerated, counting the tolerations the
/// controller adds to every daemon pod (``TaintToleration``).
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
        guard NodeSelection.accepts(spec, labels: labels, nodeName: nodeName) else {
            return Placement(shouldRun: false, shouldContinueRunning: false)
        }
        let untolerated = TaintToleration.untoleratedDaemonPodTaints(spec: spec, taints: node["spec"]?["taints"]?.arrayValue ?? [])
        guard untolerated.isEmpty else {
            let evicting = untolerated.contains { $0["effect"] == "NoExecute" }
            return Placement(shouldRun: false, shouldContinueRunning: !evicting)
        }
        return Placement(shouldRun: true, shouldContinueRunning: true)
    }
}
