import ObjectModel

/// `SetDefaults_Container` and the defaulters of what a container holds: ports, env field
/// references, probes, lifecycle handlers, resource lists and (on 1.12–1.13) `procMount`.
struct ContainerDefaults {
    let version: KubernetesVersion
    let includesEmptyStructs: Bool

    /// Servers around 1.12–1.13 filled `procMount: Default` into every non-nil container
    /// securityContext (the ProcMountType gate's defaulter ran while the gate was off).
    var injectsProcMount: Bool { version.isAtLeast(minor: 12) && version.isAtMost(minor: 13) }

    func apply(to container: inout Members) {
        if container.isAbsent("imagePullPolicy") || container["imagePullPolicy"] == .string("") {
            container["imagePullPolicy"] = .string(ImagePullPolicy.default(for: container["image"]?.stringValue ?? ""))
        }
        container.fillEmptyString("terminationMessagePath", with: "/dev/termination-log")
        container.fillEmptyString("terminationMessagePolicy", with: "File")
        container.editEach("ports") { $0.fillEmptyString("protocol", with: "TCP") }
        container.editEach("env") { variable in
            variable.edit("valueFrom") { source in
                source.edit("fieldRef") { $0.fillEmptyString("apiVersion", with: "v1") }
                source.edit("fileKeyRef") { $0.fill("optional", with: false) }
            }
        }
        let probes = ProbeDefaults(version: version)
        for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
            container.edit(key) { probes.apply(to: &$0) }
        }
        container.edit("lifecycle") { lifecycle in
            for hook in ["postStart", "preStop"] {
                lifecycle.edit(hook) { handler in handler.edit("httpGet") { ProbeDefaults.applyHTTPGet(to: &$0) } }
            }
        }
        if includesEmptyStructs { container.fill("resources", with: [:]) }
        container.edit("resources") { resources in
            for key in ["limits", "requests"] {
                resources.edit(key) { list in
                    for (name, value) in list {
                        if let canonical = QuantityCanonicalForm.resourceListValue(value) { list[name] = .string(canonical) }
                    }
                }
            }
        }
        if injectsProcMount { container.edit("securityContext") { $0.fillEmptyString("procMount", with: "Default") } }
    }
}
