import ObjectModel

/// Volume mounts of every container: names, absolute unique mount paths, exactly one source per
/// volume, and each source's own fields.
struct VolumeRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let spec = manifest.spec, let container = spec.container else { return }
        let app = container.app?.volumeMounts ?? []
        let others = (container.sidecars + spec.initContainers)
        // Volumes are declared by the mounts that give a source; a sidecar may mount one by name alone.
        let declared = (app + others.flatMap(\.volumeMounts)).filter { $0.sourceCount > 0 }
        issues.unique(declared, key: \.name, what: "volume name")
        let declaredNames = Set(declared.compactMap(\.name?.value))
        for mount in app { check(mount, sourceRequired: true, declared: declaredNames, into: &issues) }
        issues.unique(app, key: \.mountPath, what: "mount path")
        for sidecar in others {
            for mount in sidecar.volumeMounts { check(mount, sourceRequired: false, declared: declaredNames, into: &issues) }
            issues.unique(sidecar.volumeMounts, key: \.mountPath, what: "mount path")
        }
    }

    private func check(_ mount: VolumeMount, sourceRequired: Bool, declared: Set<String>, into issues: inout Issues) {
        if let name = mount.name { issues.format(name, NameFormat.dnsLabel) } else { issues.required("name", in: mount.origin) }
        if let path = mount.mountPath { issues.absolutePath(path) } else { issues.required("mount_path", in: mount.origin) }
        issues.relativePath(mount.subPath)
        // Spelled out only for a message: most mounts are valid.
        func sources() -> String { mount.origin.spellings(["config_map", "secret", "host_path", "empty_dir", "pvc"]) }
        switch mount.sourceCount {
        case 0 where sourceRequired:
            issues.add(.required, mount.origin.path, mount.origin.location, "no volume source", hint: "give exactly one of \(sources())")
        case 0:
            if let name = mount.name, !declared.contains(name.value) {
                issues.add(.invalid, name.path, name.location, "no volume named '\(name.value)'",
                           hint: "give a source (\(sources())) or the name of a volume the main container mounts")
            }
        case 1: break
        default:
            issues.add(.forbidden, mount.origin.path, mount.origin.location, "\(mount.sourceCount) volume sources",
                       hint: "give exactly one of \(sources())")
        }
        for source in [mount.configMap, mount.secret].compactMap({ $0 }) {
            if let name = source.name { issues.format(name, NameFormat.dnsSubdomain) } else { issues.required("name", in: source.origin) }
            if let key = source.key, !key.value.isEmpty { issues.format(key, NameFormat.dataKey) }
            issues.relativePath(source.path)
            issues.range(source.defaultMode, 0...0o777, hint: "use a file mode from 0000 to 0777 (decimal 0 to 511)")
        }
        if let host = mount.hostPath {
            if let path = host.path { issues.absolutePath(path) } else { issues.required("path", in: host.origin) }
            issues.oneOf(host.type, HostPathSource.types)
        }
        if let empty = mount.emptyDir {
            issues.oneOf(empty.medium, ["Memory"])
            if let size = empty.sizeLimit, !size.value.isEmpty { issues.quantity(size) }
        }
        if let pvc = mount.pvc {
            if let claim = pvc.claimName { issues.format(claim, NameFormat.dnsSubdomain) } else { issues.required("claim_name", in: pvc.origin) }
        }
    }
}

/// Probes: exactly one handler, with a port where one is needed, and Kubernetes' timing rules.
struct ProbeRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let app = manifest.spec?.container?.app else { return }
        let portNames = Set(app.ports.compactMap(\.name?.value))
        for (probe, mustSucceedOnce) in [(app.livenessProbe, true), (app.readinessProbe, false), (app.startupProbe, true)] {
            guard let probe else { continue }
            check(probe, mustSucceedOnce: mustSucceedOnce, portNames: portNames, into: &issues)
        }
    }

    private func check(_ probe: Probe, mustSucceedOnce: Bool, portNames: Set<String>, into issues: inout Issues) {
        let handlers = [probe.httpGet != nil, probe.grpc != nil, probe.tcpSocket != nil, probe.exec != nil].filter { $0 }.count
        func choices() -> String { probe.origin.spellings(["http_get", "grpc", "tcp_socket", "exec"]) }
        if handlers == 0 {
            issues.add(.required, probe.origin.path, probe.origin.location, "no probe handler", hint: "give exactly one of \(choices())")
        } else if handlers > 1 {
            issues.add(.forbidden, probe.origin.path, probe.origin.location, "\(handlers) probe handlers", hint: "give exactly one of \(choices())")
        }
        for timing in [probe.initialDelaySeconds, probe.periodSeconds, probe.timeoutSeconds, probe.failureThreshold, probe.successThreshold] {
            issues.range(timing, 0...Int64(Int32.max), hint: "must not be negative")
        }
        if mustSucceedOnce, let success = probe.successThreshold, success.value > 1 {
            issues.add(.invalid, success.path, success.location, "invalid value \(success.value)",
                       hint: "liveness and startup probes must have a success threshold of 1")
        }
        if let http = probe.httpGet {
            port(number: http.portNumber, name: http.portName, origin: http.origin, portNames: portNames, into: &issues)
            issues.oneOf(http.scheme, ["HTTP", "HTTPS"])
            if let path = http.path, !path.value.isEmpty, !path.value.hasPrefix("/") {
                issues.add(.invalid, path.path, path.location, "invalid value '\(path.value)': must start with '/'")
            }
            for header in http.httpHeaders {
                if let name = header.name {
                    issues.format(name, { $0.isEmpty || $0.containsWhitespace(or: ":") ? "must be an HTTP header name" : nil })
                } else {
                    issues.required("name", in: header.origin)
                }
            }
        }
        if let grpc = probe.grpc {
            if let number = grpc.port { issues.range(number, 1...65535) } else { issues.required("port", in: grpc.origin) }
        }
        if let tcp = probe.tcpSocket {
            port(number: tcp.portNumber, name: tcp.portName, origin: tcp.origin, portNames: portNames, into: &issues)
        }
        if let exec = probe.exec, exec.command.isEmpty {
            issues.required("command", in: exec.origin, hint: "give the command to run as a list")
        }
    }

    private func port(number: Located<Int64>?, name: Located<String>?, origin: Origin, portNames: Set<String>,
                      into issues: inout Issues) {
        switch (number, name) {
        case (nil, nil):
            issues.add(.required, origin.path(of: "port_number"), origin.location, "required value",
                       hint: "give \(origin.spellings(["port_number", "port_name"]))")
        case (.some, .some):
            issues.add(.forbidden, origin.path, origin.location, "give either \(origin.spellings(["port_number", "port_name"])), not both")
        case (let number?, nil):
            issues.range(number, 1...65535)
        case (nil, let name?):
            if !portNames.contains(name.value) {
                let known = portNames.sorted().map { "'\($0)'" }.joined(separator: ", ")
                issues.add(.invalid, name.path, name.location, "no container port named '\(name.value)'",
                           hint: known.isEmpty ? "declare it under ports, or use '\(origin.spelling("port_number"))'" : "use one of \(known)")
            }
        }
    }
}
