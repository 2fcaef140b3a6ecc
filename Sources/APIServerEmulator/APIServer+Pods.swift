import Foundation
import ObjectModel

extension APIServer {
    /// Scripts what the kubelet of `node` makes of container `container` of every daemon pod
    /// there (running, unready, crash loop, OOMKilled, image pull back-off, configuration
    /// error); the pods' statuses, events, logs and the DaemonSets' status follow.
    ///
    /// ```swift
    /// server.scriptPod(node: "node-2", container: "app",
    ///                  state: .crashLoop(exitCode: 1, restarts: 4, previousLog: ["open /var/log/x: permission denied"]))
    /// ```
    public func scriptPod(node: String, container: String, state script: ContainerScript) {
        state.scriptPod(node: node, container: container, state: script)
    }

    /// Adds a Running pod owned by no DaemonSet, bound to `node`, whose one container requests
    /// `requests` (such as `["cpu": "1500m"]`): the scheduler counts them against the node's
    /// allocatable.
    public func putPod(name: String, namespace: String = "default", node: String, requests: [String: String]) {
        let resources: JSONValue = ["requests": .object(requests.mapValues(JSONValue.string))]
        let pod: JSONValue = [
            "metadata": ["name": .string(name), "namespace": .string(namespace), "uid": .string(UUID().uuidString.lowercased()),
                         "creationTimestamp": "2024-01-01T00:00:00Z", "resourceVersion": "1"],
            "spec": ["nodeName": .string(node), "containers": [["name": "main", "image": "busybox:1.36", "resources": resources]]],
            "status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]],
        ]
        state.putOtherPod(pod)
    }

    /// Adds or replaces every node of a nodes file (``NodeFile``): a `kubectl get nodes -o yaml`
    /// List, a YAML sequence, or YAML/JSON documents of Nodes.
    /// - Returns: the names of the nodes put.
    /// - Throws: ``NodeFileError`` when the text is not such a file.
    @discardableResult
    public func putNodes(fromText text: String) throws -> [String] {
        let nodes = try NodeFile.nodes(fromText: text)
        for (offset, node) in nodes.enumerated() {
            putNode(NodeFile.completed(node, index: offset + 1, version: version))
        }
        return nodes.compactMap { $0["metadata"]?["name"]?.stringValue }
    }
}
