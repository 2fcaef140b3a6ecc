import ObjectModel

extension ObjectStore {
    /// The Node resource.
    static let nodeType = ResourceType(group: "", version: "v1", plural: "nodes", singular: "node", kind: "Node",
                                       namespaced: false, shortNames: ["no"])

    /// Stores a node as its kubelet would (manager `kubelet`), filling in the kubelet's labels
    /// and Ready status when the node has none; the given status replaces the stored one.
    mutating func putNode(_ node: JSONValue) {
        guard let name = node["metadata"]?["name"]?.stringValue, !name.isEmpty else { return }
        let key = ObjectKey(Self.nodeType, namespace: "", name: name)
        let index = (objects.keys.filter { $0.resource == key.resource }.count) + 1
        var candidate = node
        if candidate["metadata"]?["labels"] == nil { candidate["metadata"]?["labels"] = KubeletNode.labels(name: name) }
        let status = node["status"] ?? objects[key]?["status"] ?? KubeletNode.status(name: name, index: index, version: defaults.version)
        let intent = WriteIntent(manager: "kubelet", operation: "Update", force: false)
        guard (try? persist(candidate, old: objects[key], type: Self.nodeType, key: key, intent: intent, dryRun: false)) != nil,
              objects[key]?["status"] != status else { return }
        objects[key]?["status"] = status
        resourceVersion += 1
        objects[key]?["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
    }
}

extension ObjectStore {
    /// The namespaces every API server creates at start (`default`, `kube-system`, `kube-public`,
    /// `kube-node-lease`), written as the API server's own manager.
    mutating func putSystemNamespaces() {
        guard let type = ResourceCatalog.resource(apiVersion: "v1", kind: "Namespace") else { return }
        let intent = WriteIntent(manager: "kube-apiserver", operation: "Update", force: false)
        for name in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            let key = ObjectKey(type, namespace: "", name: name)
            guard objects[key] == nil else { continue }
            let namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            _ = try? persist(namespace, old: nil, type: type, key: key, intent: intent, dryRun: false)
        }
    }
}
