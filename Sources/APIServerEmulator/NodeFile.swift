import KubernetesRules
import ObjectModel

/// A file of Nodes for the emulator: a `kubectl get nodes -o yaml|json` List, a YAML sequence of
/// Nodes, or one Node per YAML document. Each node may give only what matters — labels,
/// `spec.taints`, `spec.unschedulable`, `status.allocatable`, `status.conditions` — and the
/// rest is what a healthy kubelet reports.
///
/// ```yaml
/// - metadata: {name: gpu-1, labels: {gpu: "true"}}
///   spec: {taints: [{key: gpu, value: "true", effect: NoSchedule}]}
///   status: {allocatable: {cpu: "1", memory: 2Gi}}
/// ```
public enum NodeFile {
    /// The nodes of a file's text.
    /// - Throws: ``NodeFileError`` for text that is not YAML or JSON, or a node without a name.
    public static func nodes(fromText text: String) throws(NodeFileError) -> [JSONValue] {
        let documents: [SourceDocument]
        do {
            documents = try SourceDocument.parse(text)
        } catch {
            throw NodeFileError(message: "not YAML or JSON: \(error.problem)")
        }
        var nodes: [JSONValue] = []
        for document in documents {
            let root = document.root.jsonValue
            if let items = root.arrayValue ?? root["items"]?.arrayValue { nodes += items } else if root.objectValue != nil { nodes.append(root) }
        }
        for (index, node) in nodes.enumerated() where (node["metadata"]?["name"]?.stringValue ?? "").isEmpty {
            throw NodeFileError(message: "node \(index + 1) has no metadata.name")
        }
        return nodes
    }

    /// The node with the kubelet's labels and healthy status filled in where the file says
    /// nothing: given labels win, given allocatable replaces the default (and capacity when
    /// capacity is not given), given conditions replace those of the same type.
    static func completed(_ node: JSONValue, index: Int, version: KubernetesVersion) -> JSONValue {
        let name = node["metadata"]?["name"]?.stringValue ?? ""
        var result = node
        result["kind"] = nil
        result["apiVersion"] = nil
        let labels = (KubeletNode.labels(name: name).objectValue ?? [:]).merging(node["metadata"]?["labels"]?.objectValue ?? [:]) { $1 }
        result["metadata"]?["labels"] = .object(labels)
        var status = KubeletNode.status(name: name, index: index, version: version)
        let given = node["status"] ?? [:]
        if let allocatable = given["allocatable"] {
            status["allocatable"] = allocatable
            status["capacity"] = given["capacity"] ?? allocatable
        }
        let conditions = given["conditions"]?.arrayValue ?? []
        let kept = (status["conditions"]?.arrayValue ?? []).filter { old in !conditions.contains { $0["type"] == old["type"] } }
        status["conditions"] = .array(kept + conditions)
        result["status"] = status
        return result
    }
}

/// A nodes file that cannot be read.
public struct NodeFileError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}
