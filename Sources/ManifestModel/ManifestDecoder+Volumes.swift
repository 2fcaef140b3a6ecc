import ObjectModel

extension ManifestDecoder {
    mutating func decodeVolumeMount(_ node: SourceNode, _ path: FieldPath) -> VolumeMount? {
        guard let f = fields(node, path, known: [
            "name", "mount_path", "read_only", "sub_path", "config_map", "secret", "host_path", "host_path_type",
            "empty_dir", "pvc",
        ]) else { return nil }
        var mount = VolumeMount(origin: f.origin)
        mount.name = string(f, "name")
        mount.mountPath = string(f, "mount_path")
        mount.readOnly = bool(f, "read_only")
        mount.subPath = string(f, "sub_path")
        mount.configMap = message(f, "config_map") { $0.decodeKeyedSource($1, $2) }
        mount.secret = message(f, "secret") { $0.decodeKeyedSource($1, $2) }
        mount.hostPath = decodeHostPath(f)
        mount.emptyDir = message(f, "empty_dir") { decoder, node, path in
            guard let e = decoder.fields(node, path, known: ["medium", "size_limit"]) else { return nil }
            return EmptyDirSource(origin: e.origin, medium: decoder.string(e, "medium"), sizeLimit: decoder.string(e, "size_limit"))
        }
        mount.pvc = message(f, "pvc") { decoder, node, path in
            guard let p = decoder.fields(node, path, known: ["claim_name", "read_only"]) else { return nil }
            return PvcSource(origin: p.origin, claimName: decoder.string(p, "claim_name"), readOnly: decoder.bool(p, "read_only"))
        }
        return mount
    }

    /// `host_path: {path, type}`, or the documentation's flat form
    /// `host_path: /var/log` with `host_path_type: DirectoryOrCreate` beside it.
    private mutating func decodeHostPath(_ f: Fields) -> HostPathSource? {
        let flatType = string(f, "host_path_type")
        guard let entry = f.entries["host_path"] else {
            if let flatType {
                report(.forbidden, flatType.path, flatType.location, "'\(f.entries["host_path_type"]?.key ?? "host_path_type")' without a host path",
                       hint: "give '\(f.origin.spelling("host_path"))' too, or remove it")
            }
            return nil
        }
        let path = f.path("host_path")
        if entry.node.scalar != nil {
            let origin = Origin(path: path, location: entry.node.location, prefersCamelCase: prefersCamelCase)
            return HostPathSource(origin: origin, path: string(entry.node, path), type: flatType)
        }
        if let flatType {
            let flatKey = f.entries["host_path_type"]?.key ?? "host_path_type"
            report(.forbidden, flatType.path, flatType.location,
                   "'\(flatKey)' goes with a flat '\(f.entries["host_path"]?.key ?? "host_path")', not with a mapping",
                   hint: "give 'type' inside the mapping")
        }
        guard let h = fields(entry.node, path, known: ["path", "type"]) else { return nil }
        return HostPathSource(origin: h.origin, path: string(h, "path"), type: string(h, "type"))
    }

    mutating func decodeKeyedSource(_ node: SourceNode, _ path: FieldPath) -> KeyedVolumeSource? {
        guard let k = fields(node, path, known: ["name", "key", "path", "default_mode"]) else { return nil }
        return KeyedVolumeSource(origin: k.origin, name: string(k, "name"), key: string(k, "key"), path: string(k, "path"),
                                 defaultMode: integer(k, "default_mode"))
    }

    mutating func decodeProbe(_ node: SourceNode, _ path: FieldPath) -> Probe? {
        guard let p = fields(node, path, known: [
            "initial_delay_seconds", "period_seconds", "timeout_seconds", "success_threshold", "failure_threshold",
            "http_get", "grpc", "tcp_socket", "exec",
        ]) else { return nil }
        var probe = Probe(origin: p.origin)
        probe.initialDelaySeconds = integer(p, "initial_delay_seconds")
        probe.periodSeconds = integer(p, "period_seconds")
        probe.timeoutSeconds = integer(p, "timeout_seconds")
        probe.successThreshold = integer(p, "success_threshold")
        probe.failureThreshold = integer(p, "failure_threshold")
        probe.httpGet = message(p, "http_get") { decoder, node, path in
            guard let h = decoder.fields(node, path, known: ["path", "port_number", "port_name", "host", "scheme", "http_headers"]) else {
                return nil
            }
            var action = HTTPGetAction(origin: h.origin, path: decoder.string(h, "path"), host: decoder.string(h, "host"),
                                       scheme: decoder.string(h, "scheme"), portNumber: decoder.integer(h, "port_number"),
                                       portName: decoder.string(h, "port_name"))
            action.httpHeaders = decoder.list(h, "http_headers") { decoder, node, path in
                guard let x = decoder.fields(node, path, known: ["name", "value"]) else { return nil }
                return HTTPHeader(origin: x.origin, name: decoder.string(x, "name"), value: decoder.string(x, "value"))
            }
            return action
        }
        probe.grpc = message(p, "grpc") { decoder, node, path in
            guard let g = decoder.fields(node, path, known: ["port", "service"]) else { return nil }
            return GRPCAction(origin: g.origin, port: decoder.integer(g, "port"), service: decoder.string(g, "service"))
        }
        probe.tcpSocket = message(p, "tcp_socket") { decoder, node, path in
            guard let t = decoder.fields(node, path, known: ["port_number", "port_name", "host"]) else { return nil }
            return TCPSocketAction(origin: t.origin, portNumber: decoder.integer(t, "port_number"),
                                   portName: decoder.string(t, "port_name"), host: decoder.string(t, "host"))
        }
        probe.exec = message(p, "exec") { decoder, node, path in
            guard let e = decoder.fields(node, path, known: ["command"]) else { return nil }
            return ExecAction(origin: e.origin, command: decoder.strings(e, "command"))
        }
        return probe
    }
}
