import ManifestModel
import ObjectModel

/// "Set resource limits": a node agent without limits can starve the workloads on its node.
enum ResourceLimitsCheck {
    static func findings(app: App, sidecars: [Sidecar]) -> [Finding] {
        var out: [Finding] = []
        let limits = app.resources?.limits
        for (name, value, fallback) in [("cpu", limits?.cpu, Resources.defaultLimits.cpu),
                                        ("memory", limits?.memory, Resources.defaultLimits.memory)] where value == nil {
            let origin = limits?.origin ?? app.resources?.origin ?? app.origin
            out.append(Finding(rule: "resource-limits", path: origin.path(of: limits == nil ? (app.resources == nil ? "resources" : "limits") : name),
                               location: origin.location,
                               message: "no \(name) limit; dsledger applies the default '\(fallback)', set one sized for this agent"))
        }
        for sidecar in sidecars where sidecar.resources?.limits == nil {
            out.append(Finding(rule: "resource-limits", path: sidecar.origin.path(of: "resources"), location: sidecar.origin.location,
                               message: "sidecar '\(sidecar.name?.value ?? "")' has no resource limits"))
        }
        return out
    }
}

/// "Mount host paths read-only unless the agent writes there." Types that create or open
/// something on the node (`DirectoryOrCreate`, `FileOrCreate`, `Socket`) say it does.
enum HostPathCheck {
    static let writingTypes: Set<String> = ["DirectoryOrCreate", "FileOrCreate", "Socket"]

    static func findings(_ mounts: [VolumeMount]) -> [Finding] {
        mounts.compactMap { mount in
            guard let host = mount.hostPath, mount.readOnly?.value != true, !writingTypes.contains(host.type?.value ?? "") else {
                return nil
            }
            return Finding(rule: "read-only-host-path", path: mount.origin.path(of: "read_only"), location: mount.origin.location,
                           message: "host path '\(host.path?.value ?? "")' is mounted writable; set read_only: true unless the agent writes there")
        }
    }
}

/// "Least privilege": not privileged, capabilities dropped, not running as root.
enum PrivilegeCheck {
    static func findings(_ app: App) -> [Finding] {
        let context = app.securityContext
        let origin = context?.origin ?? app.origin
        let at = context == nil ? origin.path(of: "security_context") : origin.path
        var out: [Finding] = []
        if let privileged = context?.privileged, privileged.value {
            out.append(Finding(rule: "privileged", path: privileged.path, location: privileged.location,
                               message: "runs privileged, with full access to the node; grant only the capabilities it needs"))
        } else if !(context?.capabilities?.drop.contains { $0.value == "ALL" } ?? false) {
            out.append(Finding(rule: "drop-capabilities", path: at, location: origin.location,
                               message: "capabilities are not dropped; add capabilities.drop: [ALL] and add back only what the agent needs"))
        }
        if let user = context?.runAsUser, user.value == 0 {
            out.append(Finding(rule: "run-as-non-root", path: user.path, location: user.location,
                               message: "runs as root (run_as_user: 0); use a non-root user unless the agent needs root"))
        } else if context?.runAsNonRoot?.value != true, (context?.runAsUser?.value ?? 0) == 0 {
            out.append(Finding(rule: "run-as-non-root", path: at, location: origin.location,
                               message: "may run as root; set run_as_non_root: true with a run_as_user, unless the agent needs root"))
        }
        return out
    }
}

/// "Use RollingUpdate with a sensible maxUnavailable."
enum RolloutCheck {
    static func findings(_ spec: Spec) -> [Finding] {
        guard let strategy = spec.updateStrategy else {
            return [Finding(rule: "rolling-update", path: spec.origin.path(of: "update_strategy"), location: spec.origin.location,
                            message: "no update_strategy; Kubernetes replaces one node's pod at a time (maxUnavailable 1), set a percentage such as '10%'")]
        }
        if let type = strategy.type, type.value == "OnDelete" {
            return [Finding(rule: "rolling-update", path: type.path, location: type.location,
                            message: "OnDelete: a new revision reaches a node only when its pod is deleted by hand")]
        }
        if let value = strategy.rollingUpdate?.maxUnavailable, case .percent(let percent)? = IntOrPercent(value.value), percent > 50 {
            return [Finding(rule: "rolling-update", path: value.path, location: value.location,
                            message: "max_unavailable '\(value.value)' takes down more than half of the nodes' agents at once")]
        }
        return []
    }
}

/// "Use node selectors to target agents", and pin image versions.
enum PlacementCheck {
    static func findings(_ spec: Spec, image: Image?) -> [Finding] {
        var out: [Finding] = []
        if spec.nodeSelector.isEmpty {
            out.append(Finding(rule: "node-selector", path: spec.origin.path(of: "node_selector"), location: spec.origin.location,
                               message: "no node_selector; pods land on every node, set at least kubernetes.io/os: linux"))
        }
        if let tag = image?.tag, tag.value == "latest" {
            out.append(Finding(rule: "pinned-image", path: tag.path, location: tag.location,
                               message: "tag 'latest' changes under the same manifest; pin a version"))
        }
        return out
    }
}
