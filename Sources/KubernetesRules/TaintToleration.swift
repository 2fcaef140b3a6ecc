import ObjectModel

/// Which taints a pod's tolerations tolerate, as Kubernetes decides it
/// (`Toleration.ToleratesTaint` in `k8s.io/api/core/v1/toleration.go`; see
/// https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/ ).
///
/// A toleration matches a taint when its effect is empty or the same, its key is empty or the
/// same, and with operator `Exists` whatever the value, with `Equal` (the default) the same
/// value. An empty key with `Exists` tolerates every taint. `tolerationSeconds` only bounds how
/// long a pod stays once a `NoExecute` taint appears; it does not change whether it matches.
public enum TaintToleration {
    /// Whether `toleration` tolerates `taint` (both Toleration / Taint objects).
    public static func tolerates(_ toleration: JSONValue, _ taint: JSONValue) -> Bool {
        let effect = toleration["effect"]?.stringValue ?? ""
        if !effect.isEmpty, effect != taint["effect"]?.stringValue { return false }
        let key = toleration["key"]?.stringValue ?? ""
        if !key.isEmpty, key != taint["key"]?.stringValue { return false }
        switch toleration["operator"]?.stringValue ?? "Equal" {
        case "Exists": return true
        case "Equal", "": return (toleration["value"]?.stringValue ?? "") == (taint["value"]?.stringValue ?? "")
        default: return false
        }
    }

    /// The tolerations the DaemonSet controller adds to every daemon pod
    /// (`AddOrUpdateDaemonPodTolerations` in `pkg/controller/daemon/util`): not-ready and
    /// unreachable for NoExecute; disk, memory and PID pressure and unschedulable for
    /// NoSchedule; network-unavailable too for a pod on the host network. See
    /// https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations .
    public static func daemonPodTolerations(hostNetwork: Bool) -> [JSONValue] {
        var pairs = [("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
                     ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
                     ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule")]
        if hostNetwork { pairs.append(("node.kubernetes.io/network-unavailable", "NoSchedule")) }
        return pairs.map { ["key": .string($0.0), "operator": "Exists", "effect": .string($0.1)] }
    }

    /// The `NoSchedule` and `NoExecute` taints in `taints` that keep a daemon pod with the pod
    /// spec `spec` off the node: tolerated neither by the spec's tolerations nor by
    /// ``daemonPodTolerations(hostNetwork:)``. `PreferNoSchedule` taints never keep it off.
    public static func untoleratedDaemonPodTaints(spec: JSONValue, taints: [JSONValue]) -> [JSONValue] {
        let tolerations = (spec["tolerations"]?.arrayValue ?? []) + daemonPodTolerations(hostNetwork: spec["hostNetwork"] == true)
        return taints.filter { taint in
            ["NoSchedule", "NoExecute"].contains(taint["effect"]?.stringValue ?? "")
                && !tolerations.contains { tolerates($0, taint) }
        }
    }
}
