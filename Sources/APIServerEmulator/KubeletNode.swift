import KubernetesRules
import ObjectModel

/// Nodes as a kubelet registers them and keeps them updated: the well-known labels, the
/// capacity of a small machine, the four pressure/Ready conditions and `nodeInfo`.
enum KubeletNode {
    /// The labels a kubelet puts on its node (`kubernetes.io/*` and the deprecated `beta.*`).
    static func labels(name: String) -> JSONValue {
        ["kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
         "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64"]
    }

    /// A complete Ready node named `name`, the `index`-th registered (1-based; it picks the
    /// addresses and pod CIDR).
    static func node(name: String, index: Int, version: KubernetesVersion) -> JSONValue {
        [
            "metadata": [
                "name": .string(name), "labels": labels(name: name),
                "annotations": ["node.alpha.kubernetes.io/ttl": "0",
                                "volumes.kubernetes.io/controller-managed-attach-detach": "true"],
            ],
            "spec": ["podCIDR": .string("10.244.\(index).0/24"), "podCIDRs": [.string("10.244.\(index).0/24")]],
            "status": status(name: name, index: index, version: version),
        ]
    }

    /// The status a healthy kubelet reports.
    static func status(name: String, index: Int, version: KubernetesVersion) -> JSONValue {
        let resources: JSONValue = ["cpu": "2", "memory": "8152852Ki", "pods": "110", "ephemeral-storage": "101430960Ki",
                                    "hugepages-2Mi": "0"]
        let time: JSONValue = "2024-01-01T00:00:00Z"
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
             "lastHeartbeatTime": time, "lastTransitionTime": time]
        }
        let kubelet = "v\(version.major).\(version.minor).\(version.patch ?? 0)"
        return [
            "addresses": [["type": "InternalIP", "address": .string("172.18.0.\(index + 1)")],
                          ["type": "Hostname", "address": .string(name)]],
            "allocatable": resources, "capacity": resources,
            "conditions": [
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
            "nodeInfo": [
                "architecture": "amd64", "bootID": .string("boot-\(name)"), "containerRuntimeVersion": "containerd://1.7.18",
                "kernelVersion": "6.1.0-18-amd64", "kubeProxyVersion": .string(kubelet), "kubeletVersion": .string(kubelet),
                "machineID": .string("machine-\(name)"), "operatingSystem": "linux",
                "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": .string("uuid-\(name)"),
            ],
        ]
    }

    /// Whether a node's `Ready` condition is `True`.
    static func isReady(_ node: JSONValue) -> Bool {
        (node["status"]?["conditions"]?.arrayValue ?? []).contains { $0["type"] == "Ready" && $0["status"] == "True" }
    }
}
