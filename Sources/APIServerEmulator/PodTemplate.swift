import KubernetesRules
import ObjectModel

/// Daemon Pod objects as the DaemonSet controller creates them from the template and their
/// kubelet reports them: owner reference, revision labels, the node-affinity and tolerations
/// the controller adds, and a status that follows the node, the resource fit and the
/// ``ContainerScript`` of each container.
enum PodTemplate {
    /// The pod name for a DaemonSet on a node at a revision: `<daemonset>-<5 characters>`.
    static func name(daemonSet: String, uid: String, node: String, hash: String) -> String {
        var value: UInt32 = 2_166_136_261
        for byte in (uid + "/" + node + "/" + hash).utf8 {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        let suffix = (0..<5).map { index in alphabet[Int((value >> (UInt32(index) * 5)) % UInt32(alphabet.count))] }
        return "\(daemonSet)-\(String(suffix))"
    }

    /// The daemon pod `name` of `daemonSet` on `node`, with times set to `time`.
    static func daemonPod(_ daemonSet: JSONValue, name: String, node: JSONValue, hash: String, generation: String,
                          runtime: PodRuntime, nodeCount: Int, time: String) -> JSONValue {
        let metadata = daemonSet["metadata"] ?? [:]
        let template = daemonSet["spec"]?["template"] ?? [:]
        let nodeName = node["metadata"]?["name"]?.stringValue ?? ""
        var labels = template["metadata"]?["labels"]?.objectValue ?? [:]
        if !hash.isEmpty { labels["controller-revision-hash"] = .string(hash) }
        labels["pod-template-generation"] = .string(generation)
        var podMetadata: [String: JSONValue] = [
            "name": .string(name), "namespace": metadata["namespace"] ?? "", "generateName": .string("\(metadata["name"]?.stringValue ?? "")-"),
            "labels": .object(labels),
            "ownerReferences": [["apiVersion": "apps/v1", "kind": "DaemonSet", "name": metadata["name"] ?? "",
                                 "uid": metadata["uid"] ?? "", "controller": true, "blockOwnerDeletion": true]],
        ]
        if let annotations = template["metadata"]?["annotations"] { podMetadata["annotations"] = annotations }
        let shortfalls = runtime.shortfalls(template["spec"] ?? [:], on: node)
        var spec = template["spec"] ?? [:]
        spec["affinity"] = affinity(spec["affinity"], node: nodeName)
        let existing = spec["tolerations"]?.arrayValue ?? []
        spec["tolerations"] = .array(existing + TaintToleration.daemonPodTolerations(hostNetwork: spec["hostNetwork"] == true)
            .filter { !existing.contains($0) })
        if shortfalls.isEmpty { spec["nodeName"] = .string(nodeName) }
        let status = PodStatusModel(spec: spec, node: node, pod: name, namespace: metadata["namespace"]?.stringValue ?? "",
                                    runtime: runtime, time: time)
        let podStatus = shortfalls.isEmpty ? status.scheduled(hashKnown: !hash.isEmpty)
            : status.unschedulable(shortfalls, nodeCount: nodeCount)
        return ["metadata": .object(podMetadata), "spec": spec, "status": podStatus]
    }

    /// The template's affinity with its required node terms replaced by `metadata.name In [node]`
    /// (`ReplaceDaemonSetPodNodeNameNodeAffinity`).
    static func affinity(_ affinity: JSONValue?, node: String) -> JSONValue {
        var result = affinity ?? [:]
        var nodeAffinity = result["nodeAffinity"] ?? [:]
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = ["nodeSelectorTerms": [
            ["matchFields": [["key": "metadata.name", "operator": "In", "values": [.string(node)]]]],
        ]]
        result["nodeAffinity"] = nodeAffinity
        return result
    }
}
