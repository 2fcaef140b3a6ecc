import ObjectModel

/// `SetDefaults_PodSpec` and the per-item defaulters under a pod template's spec
/// (`pkg/apis/core/v1/defaults.go`), for a template inside a DaemonSet.
///
/// Pod-only defaults (`enableServiceLinks`, requests copied from limits, admission-added
/// tolerations and token volumes) are deliberately absent: they never reach a template.
struct PodSpecDefaults {
    let version: KubernetesVersion
    let includesEmptyStructs: Bool

    /// Up to 1.27 `SetDefaults_PodSpec` copied `containerPort` into an unset `hostPort` under
    /// `hostNetwork`; from 1.28 only Pods get it (the gate that re-enabled it for templates was
    /// off by default and removed in 1.31).
    var copiesHostPorts: Bool { version.isAtMost(minor: 27) }

    func apply(to pod: inout Members) {
        pod.fillEmptyString("dnsPolicy", with: "ClusterFirst")
        pod.fillEmptyString("restartPolicy", with: "Always")
        pod.fill("terminationGracePeriodSeconds", with: 30)
        pod.fill("securityContext", with: [:])
        pod.fillEmptyString("schedulerName", with: "default-scheduler")
        mirrorServiceAccount(in: &pod)

        let hostNetwork = pod["hostNetwork"] == .bool(true)
        let containers = ContainerDefaults(version: version, includesEmptyStructs: includesEmptyStructs)
        for key in ["initContainers", "containers"] {
            pod.editEach(key) { container in
                containers.apply(to: &container)
                if hostNetwork, copiesHostPorts { Self.copyHostPorts(in: &container) }
            }
        }
        // Ephemeral containers get the container defaulters too, but never host ports.
        pod.editEach("ephemeralContainers") { containers.apply(to: &$0) }
        let volumes = VolumeDefaults(version: version)
        pod.editEach("volumes") { volumes.apply(to: &$0) }
    }

    /// `serviceAccount` is a conversion alias: a write with only `serviceAccount` fills
    /// `serviceAccountName`, and every read sets `serviceAccount` to `serviceAccountName`.
    private func mirrorServiceAccount(in pod: inout Members) {
        let name = pod["serviceAccountName"]?.stringValue ?? ""
        let alias = pod["serviceAccount"]?.stringValue ?? ""
        let effective = name.isEmpty ? alias : name
        guard !effective.isEmpty else { return }
        pod["serviceAccountName"] = .string(effective)
        pod["serviceAccount"] = .string(effective)
    }

    private static func copyHostPorts(in container: inout Members) {
        container.editEach("ports") { port in
            guard let containerPort = port["containerPort"], containerPort != .null else { return }
            if port.isAbsent("hostPort") || port["hostPort"] == .int(0) { port["hostPort"] = containerPort }
        }
    }
}
