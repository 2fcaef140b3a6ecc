import ObjectModel

extension ManifestDecoder {
    mutating func decodeContainer(_ node: SourceNode, _ path: FieldPath) -> Container? {
        guard let f = fields(node, path, known: ["app", "sidecars"]) else { return nil }
        return Container(origin: f.origin, app: message(f, "app") { $0.decodeApp($1, $2) },
                         sidecars: list(f, "sidecars") { $0.decodeSidecar($1, $2) })
    }

    mutating func decodeApp(_ node: SourceNode, _ path: FieldPath) -> App? {
        guard let f = fields(node, path, known: [
            "image", "resources", "env", "ports", "volume_mounts", "liveness_probe", "readiness_probe", "startup_probe",
            "command", "args", "security_context",
        ]) else { return nil }
        var app = App(origin: f.origin)
        app.image = message(f, "image") { decoder, node, path in
            guard let i = decoder.fields(node, path, known: ["repo", "tag", "pull_secret_name"]) else { return nil }
            return Image(origin: i.origin, repo: decoder.string(i, "repo"), tag: decoder.string(i, "tag"),
                         pullSecretName: decoder.string(i, "pull_secret_name"))
        }
        app.resources = message(f, "resources") { $0.decodeResources($1, $2) }
        app.env = message(f, "env") { $0.decodeEnv($1, $2) }
        app.ports = list(f, "ports") { decoder, node, path in
            guard let p = decoder.fields(node, path, known: ["name", "container_port", "network_protocol", "host_port"]) else {
                return nil
            }
            return Port(origin: p.origin, name: decoder.string(p, "name"), containerPort: decoder.integer(p, "container_port"),
                        networkProtocol: decoder.string(p, "network_protocol"), hostPort: decoder.integer(p, "host_port"))
        }
        app.volumeMounts = list(f, "volume_mounts") { $0.decodeVolumeMount($1, $2) }
        app.livenessProbe = message(f, "liveness_probe") { $0.decodeProbe($1, $2) }
        app.readinessProbe = message(f, "readiness_probe") { $0.decodeProbe($1, $2) }
        app.startupProbe = message(f, "startup_probe") { $0.decodeProbe($1, $2) }
        app.command = strings(f, "command")
        app.args = strings(f, "args")
        app.securityContext = message(f, "security_context") { $0.decodeSecurityContext($1, $2) }
        return app
    }

    mutating func decodeResources(_ node: SourceNode, _ path: FieldPath) -> Resources? {
        guard let r = fields(node, path, known: ["limits", "requests"]) else { return nil }
        let cpuMemory: (inout ManifestDecoder, SourceNode, FieldPath) -> CpuMemory? = { decoder, node, path in
            guard let c = decoder.fields(node, path, known: ["cpu", "memory"]) else { return nil }
            return CpuMemory(origin: c.origin, cpu: decoder.string(c, "cpu"), memory: decoder.string(c, "memory"))
        }
        return Resources(origin: r.origin, limits: message(r, "limits", decode: cpuMemory),
                         requests: message(r, "requests", decode: cpuMemory))
    }

    mutating func decodeEnv(_ node: SourceNode, _ path: FieldPath) -> Env? {
        guard let e = fields(node, path, known: ["variables", "secrets"]) else { return nil }
        var env = Env(origin: e.origin)
        if let entry = e.entries["variables"] {
            env.variables = map(entry.node, e.path("variables")) { decoder, node, path in
                decoder.decodeValueOrRef(node, path, bareString: true)
            }.map { EnvVariable(name: $0.key, value: $0.value) }
        }
        if let entry = e.entries["secrets"] {
            env.secrets = map(entry.node, e.path("secrets")) { decoder, node, path in
                decoder.decodeSecretValue(node, path)
            }.map { EnvSecret(name: $0.key, value: $0.value) }
        }
        return env
    }

    mutating func decodeSecretValue(_ node: SourceNode, _ path: FieldPath) -> SecretValue? {
        guard case .mapping = node.content else {
            // Never echo what may be a secret value.
            let ref = prefersCamelCase ? "secretRef" : "secret_ref"
            report(.wrongType, path, node.location, "expected a mapping with 'value' or '\(ref)', got \(node.kindDescription)",
                   hint: "write {value: \"...\"} or {\(ref): {name: ..., key: ...}}")
            return nil
        }
        guard let s = fields(node, path, known: ["value", "secret_ref"]) else { return nil }
        var secret = SecretValue(origin: s.origin, value: string(s, "value", secret: true))
        secret.secretRef = message(s, "secret_ref") { decoder, node, path in
            guard let r = decoder.fields(node, path, known: ["namespace", "name", "key"]) else { return nil }
            return SecretRef(origin: r.origin, name: decoder.string(r, "name"), key: decoder.string(r, "key"),
                             namespace: decoder.string(r, "namespace"))
        }
        return secret
    }

    mutating func decodeSecurityContext(_ node: SourceNode, _ path: FieldPath) -> SecurityContext? {
        guard let s = fields(node, path, known: [
            "privileged", "run_as_user", "run_as_group", "run_as_non_root", "read_only_root_filesystem", "capabilities",
        ]) else { return nil }
        var context = SecurityContext(origin: s.origin)
        context.privileged = bool(s, "privileged")
        context.runAsUser = integer(s, "run_as_user", range: Int64.min...Int64.max)
        context.runAsGroup = integer(s, "run_as_group", range: Int64.min...Int64.max)
        context.runAsNonRoot = bool(s, "run_as_non_root")
        context.readOnlyRootFilesystem = bool(s, "read_only_root_filesystem")
        context.capabilities = message(s, "capabilities") { decoder, node, path in
            guard let c = decoder.fields(node, path, known: ["add", "drop"]) else { return nil }
            return Capabilities(origin: c.origin, add: decoder.strings(c, "add"), drop: decoder.strings(c, "drop"))
        }
        return context
    }

    /// A sidecar or init container: Planton's `Container`, plus dsledger's `command`, `args`,
    /// `volume_mounts` and `security_context`.
    mutating func decodeSidecar(_ node: SourceNode, _ path: FieldPath) -> Sidecar? {
        guard let s = fields(node, path, known: [
            "name", "image", "ports", "resources", "env", "command", "args", "volume_mounts", "security_context",
        ]) else { return nil }
        var sidecar = Sidecar(origin: s.origin, name: string(s, "name"), image: string(s, "image"))
        sidecar.ports = list(s, "ports") { decoder, node, path in
            guard let p = decoder.fields(node, path, known: ["name", "container_port", "protocol"]) else { return nil }
            return SidecarPort(origin: p.origin, name: decoder.string(p, "name"),
                               containerPort: decoder.integer(p, "container_port"), protocol: decoder.string(p, "protocol"))
        }
        sidecar.resources = message(s, "resources") { $0.decodeResources($1, $2) }
        sidecar.env = list(s, "env") { decoder, node, path in
            guard let e = decoder.fields(node, path, known: ["name", "value"]) else { return nil }
            return SidecarEnv(origin: e.origin, name: decoder.string(e, "name"), value: decoder.string(e, "value"))
        }
        sidecar.command = strings(s, "command")
        sidecar.args = strings(s, "args")
        sidecar.volumeMounts = list(s, "volume_mounts") { $0.decodeVolumeMount($1, $2) }
        sidecar.securityContext = message(s, "security_context") { $0.decodeSecurityContext($1, $2) }
        return sidecar
    }
}
