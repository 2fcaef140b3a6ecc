import ObjectModel

/// `update_strategy`: the type, and int-or-percent values that Kubernetes accepts.
struct StrategyRules: ValidationRule {
    static let types = ["RollingUpdate", "OnDelete"]

    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let strategy = manifest.spec?.updateStrategy else { return }
        issues.oneOf(strategy.type, Self.types)
        guard let rolling = strategy.rollingUpdate else { return }
        if strategy.type?.value == "OnDelete" {
            issues.add(.forbidden, rolling.origin.path, rolling.origin.location,
                       "\(rolling.origin.path.lastField ?? "rolling_update") is not allowed with type 'OnDelete'",
                       hint: "remove it, or use type: RollingUpdate")
        }
        let unavailable = value(rolling.maxUnavailable, into: &issues)
        let surge = value(rolling.maxSurge, into: &issues)
        // Kubernetes defaults: maxUnavailable 1, maxSurge 0; both zero would never progress.
        if (unavailable ?? .int(1)).isZero, (surge ?? .int(0)).isZero {
            let at = rolling.maxUnavailable ?? rolling.maxSurge
            let (unavailableName, surgeName) = (rolling.origin.spelling("max_unavailable"), rolling.origin.spelling("max_surge"))
            let why = rolling.maxSurge == nil ? " (\(surgeName) defaults to 0)" : ""
            issues.add(.invalid, at?.path ?? rolling.origin.path, at?.location ?? rolling.origin.location,
                       "\(unavailableName) and \(surgeName) may not both be zero\(why)",
                       hint: "set one of them above zero, or the rollout never makes progress")
        }
    }

    private func value(_ text: Located<String>?, into issues: inout Issues) -> IntOrPercent? {
        guard let text else { return nil }
        guard let value = IntOrPercent(text.value) else {
            issues.add(.invalid, text.path, text.location, "invalid value '\(text.value)'",
                       hint: "use a non-negative integer such as '1' or a percentage such as '10%'")
            return nil
        }
        if case .percent(let percent) = value, percent > 100 {
            issues.add(.invalid, text.path, text.location, "invalid value '\(text.value)'", hint: "a percentage must be from 0% to 100%")
            return nil
        }
        return value
    }
}

/// ServiceAccount and RBAC: names, and rules that Kubernetes accepts.
struct AccountRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let spec = manifest.spec else { return }
        issues.format(spec.serviceAccountName, NameFormat.dnsSubdomain)
        guard let rbac = spec.rbac else { return }
        if spec.createServiceAccount?.value != true {
            issues.add(.forbidden, rbac.origin.path, rbac.origin.location,
                       "rbac needs \(spec.origin.spelling("create_service_account")): true",
                       hint: "the roles are bound to the ServiceAccount this manifest creates")
        }
        for rule in rbac.clusterRules + rbac.namespaceRules {
            for (list, field) in [(rule.apiGroups, "api_groups"), (rule.resources, "resources"), (rule.verbs, "verbs")] where list.isEmpty {
                issues.add(.required, rule.origin.path(of: field), rule.origin.location, "at least one item is required",
                           hint: field == "api_groups" ? "use [\"\"] for the core API group" : nil)
            }
            for verb in rule.verbs where verb.value.isEmpty {
                issues.add(.invalid, verb.path, verb.location, "must not be empty")
            }
        }
    }
}

/// `config_maps`: names, and mounts of those ConfigMaps by the only key they have.
struct ConfigMapRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let spec = manifest.spec else { return }
        for entry in spec.configMaps { issues.format(entry.key, NameFormat.dnsSubdomain) }
        let created = Set(spec.configMaps.map(\.key.value))
        let mounts = (spec.container?.app?.volumeMounts ?? []) + ((spec.container?.sidecars ?? []) + spec.initContainers).flatMap(\.volumeMounts)
        for source in mounts.compactMap(\.configMap) {
            guard let name = source.name?.value, created.contains(name), let key = source.key, !key.value.isEmpty,
                key.value != name
            else { continue }
            issues.add(.invalid, key.path, key.location, "ConfigMap '\(name)' has no key '\(key.value)'",
                       hint: "a ConfigMap from \(spec.origin.spelling("config_maps")) has one key, named like the ConfigMap: use key: \(name)")
        }
    }
}

/// Sidecars and init containers: names unique across the pod, images, ports and env.
struct SidecarRules: ValidationRule {
    static let mainContainerName = "daemonset-container"

    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let spec = manifest.spec else { return }
        let all = (spec.container?.sidecars ?? []) + spec.initContainers
        for sidecar in all {
            if let name = sidecar.name {
                issues.format(name, NameFormat.dnsLabel)
                if name.value == Self.mainContainerName {
                    issues.add(.duplicate, name.path, name.location, "'\(name.value)' is the main container's name", hint: "choose another")
                }
            } else {
                issues.required("name", in: sidecar.origin)
            }
            issues.nonEmpty(sidecar.image, "image", in: sidecar.origin)
            for port in sidecar.ports {
                if let name = port.name, !name.value.isEmpty { issues.format(name, NameFormat.portName) }
                if let number = port.containerPort { issues.range(number, 1...65535) } else { issues.required("container_port", in: port.origin) }
                issues.oneOf(port.protocol, PortRules.protocols)
            }
            issues.unique(sidecar.ports, key: \.name, what: "port name")
            for variable in sidecar.env {
                if let name = variable.name { issues.format(name, NameFormat.envName) } else { issues.required("name", in: variable.origin) }
            }
            issues.unique(sidecar.env, key: \.name, what: "env variable")
        }
        issues.unique(all, key: \.name, what: "container name")
    }
}
