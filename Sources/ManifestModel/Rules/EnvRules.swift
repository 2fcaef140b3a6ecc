import ObjectModel

/// Env variable names (valid, unique, not one of the three injected names), literal values,
/// and secret values given exactly one way.
struct EnvRules: ValidationRule {
    /// The variables every main container gets first.
    static let injectedNames = ["HOSTNAME", "K8S_POD_ID", "K8S_NODE_NAME"]

    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let env = manifest.spec?.container?.app?.env else { return }
        var seen: [String: Located<String>] = [:]
        for name in env.variables.map(\.name) + env.secrets.map(\.name) {
            issues.format(name, NameFormat.envName)
            if Self.injectedNames.contains(name.value) {
                issues.add(.duplicate, name.path, name.location, "'\(name.value)' is set by dsledger on every pod",
                           hint: "choose another name, or refer to it as $(\(name.value))")
            } else if let first = seen[name.value] {
                issues.add(.duplicate, name.path, name.location, "duplicate env variable '\(name.value)'",
                           hint: "already set at \(first.path) (\(first.location))")
            }
            seen[name.value] = seen[name.value] ?? name
        }
        for variable in env.variables {
            if let from = variable.value.valueFrom {
                issues.add(.unsupported, from.origin.path, from.origin.location,
                           "references to other resources cannot be resolved by dsledger", hint: "give a literal 'value'")
                if variable.value.value != nil {
                    issues.add(.forbidden, from.origin.path, from.origin.location,
                               "give either 'value' or '\(from.origin.path.lastField ?? "value_from")', not both")
                }
            }
        }
        for secret in env.secrets { check(secret.value, manifest: manifest, into: &issues) }
    }

    private func check(_ secret: SecretValue, manifest: Manifest, into issues: inout Issues) {
        guard let ref = secret.secretRef else {
            if secret.value == nil {
                issues.required("value", in: secret.origin, hint: "or give '\(secret.origin.spelling("secret_ref"))'")
            }
            return
        }
        if secret.value != nil {
            issues.add(.forbidden, ref.origin.path, ref.origin.location,
                       "give either 'value' or '\(ref.origin.path.lastField ?? "secret_ref")', not both")
        }
        issues.nonEmpty(ref.name, "name", in: ref.origin)
        issues.nonEmpty(ref.key, "key", in: ref.origin)
        if let name = ref.name, !name.value.isEmpty { issues.format(name, NameFormat.dnsSubdomain) }
        if let key = ref.key, !key.value.isEmpty { issues.format(key, NameFormat.dataKey) }
        if let namespace = ref.namespace, !namespace.value.isEmpty, namespace.value != manifest.namespace {
            issues.add(.forbidden, namespace.path, namespace.location,
                       "a pod can only read Secrets of its own namespace '\(manifest.namespace)'",
                       hint: "copy the Secret into that namespace, or remove 'namespace'")
        }
    }
}

/// Ports of the main container: names, numbers, protocols, uniqueness, host ports.
struct PortRules: ValidationRule {
    static let protocols = ["SCTP", "TCP", "UDP"]

    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let app = manifest.spec?.container?.app else { return }
        for port in app.ports {
            if let name = port.name {
                issues.format(name, NameFormat.portName, hint: "use an IANA service name such as 'metrics' or 'http-api'")
                // Planton's own pattern (`^[a-z0-9][-a-z0-9]*[a-z0-9]$`) also wants two characters.
                if name.value.count == 1, NameFormat.portName(name.value) == nil {
                    issues.add(.invalid, name.path, name.location, "invalid value '\(name.value)': must be at least 2 characters",
                               hint: "use an IANA service name such as 'metrics' or 'http-api'")
                }
            } else {
                issues.required("name", in: port.origin)
            }
            if let number = port.containerPort {
                issues.range(number, 1...65535)
            } else {
                issues.required("container_port", in: port.origin)
            }
            if let proto = port.networkProtocol {
                issues.oneOf(proto, Self.protocols, allowsEmpty: false)
            } else {
                issues.required("network_protocol", in: port.origin, hint: "use one of 'SCTP', 'TCP', 'UDP'")
            }
            issues.range(port.hostPort, 0...65535)
            if manifest.spec?.hostNetwork?.value == true, let host = port.hostPort, let number = port.containerPort,
                host.value != 0, host.value != number.value {
                issues.add(.invalid, host.path, host.location, "host port \(host.value) differs from the container port \(number.value)",
                           hint: "with \(manifest.spec?.hostNetwork?.path.lastField ?? "host_network") the two must be equal")
            }
        }
        issues.unique(app.ports, key: \.name, what: "port name")
        issues.unique(app.ports, key: { port in
            port.containerPort.map { Located("\($0.value)/\(port.networkProtocol?.value ?? "TCP")", path: $0.path, location: $0.location) }
        }, what: "container port")
    }
}
