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
