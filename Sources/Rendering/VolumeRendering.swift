import ManifestModel
import ObjectModel

/// Volumes and volume mounts: one volume per mount that names a source.
enum VolumeRendering {
    static func mount(_ mount: VolumeMount) -> JSONValue {
        var out: [String: JSONValue] = ["name": .string(mount.name?.value ?? ""), "mountPath": .string(mount.mountPath?.value ?? "")]
        if let readOnly = mount.readOnly { out["readOnly"] = .bool(readOnly.value) }
        if let sub = mount.subPath?.value, !sub.isEmpty { out["subPath"] = .string(sub) }
        return .object(out)
    }

    /// The main container's volumes in order, then those that sidecars and init containers declare.
    static func volumes(app: [VolumeMount], others: [VolumeMount]) -> [JSONValue] {
        var seen = Set<String>()
        var out: [JSONValue] = []
        for mount in app + others where mount.sourceCount > 0 {
            let name = mount.name?.value ?? ""
            guard seen.insert(name).inserted, let volume = volume(mount) else { continue }
            out.append(volume)
        }
        return out
    }

    static func volume(_ mount: VolumeMount) -> JSONValue? {
        var out: [String: JSONValue] = ["name": .string(mount.name?.value ?? "")]
        if let source = mount.configMap {
            out["configMap"] = keyed(source, nameKey: "name")
        } else if let source = mount.secret {
            out["secret"] = keyed(source, nameKey: "secretName")
        } else if let host = mount.hostPath {
            var item: [String: JSONValue] = ["path": .string(host.path?.value ?? "")]
            if let type = host.type?.value, !type.isEmpty { item["type"] = .string(type) }
            out["hostPath"] = .object(item)
        } else if let empty = mount.emptyDir {
            var item: [String: JSONValue] = [:]
            if let medium = empty.medium?.value, !medium.isEmpty { item["medium"] = .string(medium) }
            if let size = empty.sizeLimit?.value, !size.isEmpty { item["sizeLimit"] = .string(size) }
            out["emptyDir"] = .object(item)
        } else if let pvc = mount.pvc {
            var item: [String: JSONValue] = ["claimName": .string(pvc.claimName?.value ?? "")]
            if let readOnly = pvc.readOnly { item["readOnly"] = .bool(readOnly.value) }
            out["persistentVolumeClaim"] = .object(item)
        } else {
            return nil
        }
        return .object(out)
    }

    private static func keyed(_ source: KeyedVolumeSource, nameKey: String) -> JSONValue {
        var out: [String: JSONValue] = [nameKey: .string(source.name?.value ?? "")]
        if let key = source.key?.value, !key.isEmpty {
            let path = source.path?.value.isEmpty == false ? source.path!.value : key
            out["items"] = [["key": .string(key), "path": .string(path)]]
        }
        if let mode = source.defaultMode { out["defaultMode"] = .int(mode.value) }
        return .object(out)
    }
}

/// Probes: timings that were written, and exactly the chosen handler.
enum ProbeRendering {
    static func probe(_ probe: Probe) -> JSONValue {
        var out: [String: JSONValue] = [:]
        for (key, value) in [("initialDelaySeconds", probe.initialDelaySeconds), ("periodSeconds", probe.periodSeconds),
                             ("timeoutSeconds", probe.timeoutSeconds), ("successThreshold", probe.successThreshold),
                             ("failureThreshold", probe.failureThreshold)] {
            if let value { out[key] = .int(value.value) }
        }
        if let http = probe.httpGet {
            var action: [String: JSONValue] = ["port": port(http.portNumber, http.portName)]
            for (key, value) in [("path", http.path), ("host", http.host), ("scheme", http.scheme)] {
                if let value = value?.value, !value.isEmpty { action[key] = .string(value) }
            }
            if !http.httpHeaders.isEmpty {
                action["httpHeaders"] = .array(http.httpHeaders.map {
                    ["name": .string($0.name?.value ?? ""), "value": .string($0.value?.value ?? "")]
                })
            }
            out["httpGet"] = .object(action)
        } else if let grpc = probe.grpc {
            var action: [String: JSONValue] = ["port": .int(grpc.port?.value ?? 0)]
            if let service = grpc.service?.value, !service.isEmpty { action["service"] = .string(service) }
            out["grpc"] = .object(action)
        } else if let tcp = probe.tcpSocket {
            var action: [String: JSONValue] = ["port": port(tcp.portNumber, tcp.portName)]
            if let host = tcp.host?.value, !host.isEmpty { action["host"] = .string(host) }
            out["tcpSocket"] = .object(action)
        } else if let exec = probe.exec {
            out["exec"] = ["command": strings(exec.command)]
        }
        return .object(out)
    }

    private static func port(_ number: Located<Int64>?, _ name: Located<String>?) -> JSONValue {
        if let number { return .int(number.value) }
        return .string(name?.value ?? "")
    }
}
