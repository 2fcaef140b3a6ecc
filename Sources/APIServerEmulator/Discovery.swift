import KubernetesRules
import ObjectModel

/// The discovery and version documents, in their legacy (non-aggregated)
/// form; clients that ask for aggregated discovery fall back to it.
enum Discovery {
    /// `GET /version`.
    static func version(_ version: KubernetesVersion) -> JSONValue {
        let patch = version.patch ?? 0
        return [
            "major": .string(String(version.major)), "minor": .string(String(version.minor)),
            "gitVersion": .string("v\(version.major).\(version.minor).\(patch)"), "gitCommit": "0000000000000000000000000000000000000000",
            "gitTreeState": "clean", "buildDate": "2024-01-01T00:00:00Z", "goVersion": "go1.22.4", "compiler": "gc",
            "platform": "linux/amd64",
        ]
    }

    /// `GET /api`.
    static func coreVersions(serverAddress: String) -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    /// `GET /apis`.
    static var groups: JSONValue {
        let names = ResourceCatalog.groupVersions.filter { $0 != "v1" }.map { String($0.dropLast("/v1".count)) }
        let groups: [JSONValue] = names.map { name in
            let version: JSONValue = ["groupVersion": .string("\(name)/v1"), "version": "v1"]
            return ["name": .string(name), "versions": [version], "preferredVersion": version]
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    /// `GET /api/v1` or `/apis/{group}/v1`; `nil` for a group version not served.
    static func resources(groupVersion: String) -> JSONValue? {
        guard ResourceCatalog.groupVersions.contains(groupVersion) else { return nil }
        var resources: [JSONValue] = []
        for type in ResourceCatalog.all where type.groupVersion == groupVersion {
            var entry: [String: JSONValue] = [
                "name": .string(type.plural), "singularName": .string(type.singular), "namespaced": .bool(type.namespaced),
                "kind": .string(type.kind), "verbs": .array(ResourceType.verbs.map(JSONValue.string)),
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            if type.kind == "DaemonSet" { entry["categories"] = ["all"] }
            resources.append(.object(entry))
            if ["DaemonSet", "Namespace", "Node"].contains(type.kind) {
                resources.append(["name": .string(type.plural + "/status"), "singularName": "", "namespaced": .bool(type.namespaced),
                                  "kind": .string(type.kind), "verbs": ["get", "patch", "update"]])
            }
        }
        if groupVersion == "v1" { resources += derivedResources }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(resources)]
    }

    /// Pods (with their log) and Events, served read-only from the ``PodBook``.
    static var derivedResources: [JSONValue] {
        [
            ["name": "events", "singularName": "event", "namespaced": true, "kind": "Event", "verbs": ["get", "list"], "shortNames": ["ev"]],
            ["name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod", "verbs": ["get", "list"], "shortNames": ["po"],
             "categories": ["all"]],
            ["name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]],
        ]
    }
}
