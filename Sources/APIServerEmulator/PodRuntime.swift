import KubernetesRules
import ObjectModel

/// What the emulated kubelets and scheduler know about pods beyond the DaemonSet controller:
/// the scripted container behaviour per node and container, and the other pods whose requests
/// count against each node's allocatable.
struct PodRuntime: Sendable {
    /// Scripted containers by node name, then container name.
    var scripts: [String: [String: ContainerScript]] = [:]
    /// Pods not owned by any DaemonSet, by `namespace/name` (with `spec.nodeName`).
    var otherPods: [String: JSONValue] = [:]

    /// The script of a container on a node; running when none was given.
    func script(node: String, container: String) -> ContainerScript {
        scripts[node]?[container] ?? .running()
    }

    /// Whether a daemon pod of `template` on `node` is ready: the node is Ready, the pod fits,
    /// and every container is ready.
    func isReady(_ template: JSONValue, on node: JSONValue) -> Bool {
        let name = node["metadata"]?["name"]?.stringValue ?? ""
        guard KubeletNode.isReady(node), shortfalls(template["spec"] ?? [:], on: node).isEmpty else { return false }
        return (template["spec"]?["containers"]?.arrayValue ?? []).allSatisfy { container in
            script(node: name, container: container["name"]?.stringValue ?? "").isReady
        }
    }

    /// The resources (`cpu`, `memory`…) the pod spec requests more of than `node` has left once
    /// the other pods' requests are taken from its allocatable; empty when it fits.
    func shortfalls(_ spec: JSONValue, on node: JSONValue) -> [String] {
        let name = node["metadata"]?["name"]?.stringValue ?? ""
        var free = (node["status"]?["allocatable"]?.objectValue ?? [:]).compactMapValues(Quantity.amount(of:))
        for pod in otherPods.values where pod["spec"]?["nodeName"]?.stringValue == name {
            for (resource, amount) in PodRequests.effective(pod["spec"] ?? [:]) { free[resource, default: 0] -= amount }
        }
        return PodRequests.effective(spec).filter { resource, amount in amount > 0 && amount > (free[resource] ?? 0) + 1e-9 }
            .keys.sorted()
    }
}
