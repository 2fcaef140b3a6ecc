import ObjectModel

/// The causes behind container failures: the Secret or ConfigMap a `CreateContainerConfigError`
/// names, and the host-path mount and security context behind a permission error in a log.
enum Causes {
    /// The reference the kubelet's message names — `secret "x" not found`,
    /// `couldn't find key K in Secret ns/x` (and the ConfigMap forms) — with where the container
    /// refers to it; `nil` when the message names none.
    static func missingReference(_ message: String, container: JSONValue, pod: JSONValue) -> MissingReference? {
        var reference: MissingReference?
        if let range = message.range(of: "couldn't find key ") {
            let words = message[range.upperBound...].split(separator: " ").map(String.init)
            // K in Secret ns/name
            guard words.count >= 4, words[1] == "in" else { return nil }
            let parts = words[3].split(separator: "/", maxSplits: 1).map(String.init)
            reference = MissingReference(kind: words[2], namespace: parts.count == 2 ? parts[0] : nil,
                                         name: parts.last ?? "", key: words[0], references: [])
        } else {
            for (prefix, kind) in [("secret \"", "Secret"), ("configmap \"", "ConfigMap")] {
                guard let start = message.range(of: prefix), message.hasSuffix("not found") || message.contains("\" not found") else { continue }
                let name = message[start.upperBound...].prefix { $0 != "\"" }
                reference = MissingReference(kind: kind, namespace: nil, name: String(name), key: nil, references: [])
                break
            }
        }
        guard var found = reference else { return nil }
        found.references = references(to: found, container: container, pod: pod)
        return found
    }

    /// Where the container (and the pod's volumes) refer to `reference`.
    static func references(to reference: MissingReference, container: JSONValue, pod: JSONValue) -> [String] {
        let (refKey, fromKey, nameKey) = reference.kind == "Secret" ? ("secretKeyRef", "secretRef", "secretName") : ("configMapKeyRef", "configMapRef", "name")
        var places: [String] = []
        for env in container["env"]?.arrayValue ?? [] {
            guard let ref = env["valueFrom"]?[refKey], ref["name"]?.stringValue == reference.name else { continue }
            if let key = reference.key, ref["key"]?.stringValue != key { continue }
            places.append("env \(env["name"]?.stringValue ?? "")")
        }
        for source in container["envFrom"]?.arrayValue ?? [] where source[fromKey]?["name"]?.stringValue == reference.name {
            places.append("envFrom")
        }
        let volumeKey = reference.kind == "Secret" ? "secret" : "configMap"
        for volume in pod["volumes"]?.arrayValue ?? [] where volume[volumeKey]?[nameKey]?.stringValue == reference.name {
            places.append("volume \(volume["name"]?.stringValue ?? "")")
        }
        return places
    }

    /// The permission errors of a log on paths under host-path mounts.
    static func permissionProblems(_ log: [String], container: JSONValue, pod: JSONValue) -> [HostPathPermission] {
        let markers = ["permission denied", "operation not permitted", "read-only file system", "eacces"]
        var problems: [HostPathPermission] = []
        for line in log where markers.contains(where: line.lowercased().contains) {
            for path in paths(in: line) {
                guard let mount = hostPathMount(for: path, container: container, pod: pod),
                      !problems.contains(where: { $0.path == path }) else { continue }
                problems.append(HostPathPermission(path: path, line: line, mountPath: mount.mountPath, volume: mount.volume,
                                                   hostPath: mount.hostPath, readOnly: mount.readOnly,
                                                   securityContext: securityContext(container: container, pod: pod)))
            }
        }
        return problems
    }

    /// Absolute paths in a log line, without quotes and trailing punctuation.
    static func paths(in line: String) -> [String] {
        line.split(whereSeparator: { " \t'\"()[]=,".contains($0) }).compactMap { word in
            var path = String(word)
            while let last = path.last, ":;.".contains(last) { path.removeLast() }
            return path.hasPrefix("/") && path.count > 1 ? path : nil
        }
    }

    /// The host-path mount holding `path` (the longest mount path that is a prefix).
    static func hostPathMount(for path: String, container: JSONValue, pod: JSONValue)
        -> (mountPath: String, volume: String, hostPath: String, readOnly: Bool)?
    {
        let volumes = pod["volumes"]?.arrayValue ?? []
        let candidates = (container["volumeMounts"]?.arrayValue ?? []).compactMap { mount -> (String, String, String, Bool)? in
            let mountPath = mount["mountPath"]?.stringValue ?? ""
            let trimmed = mountPath.hasSuffix("/") ? String(mountPath.dropLast()) : mountPath
            guard !trimmed.isEmpty, path == trimmed || path.hasPrefix(trimmed + "/"),
                  let volumeName = mount["name"]?.stringValue,
                  let host = volumes.first(where: { $0["name"]?.stringValue == volumeName })?["hostPath"]?["path"]?.stringValue
            else { return nil }
            return (mountPath, volumeName, host, mount["readOnly"] == true)
        }
        return candidates.max { $0.0.count < $1.0.count }.map { ($0.0, $0.1, $0.2, $0.3) }
    }

    /// The security context in force, pod and container merged (the container's wins).
    static func securityContext(container: JSONValue, pod: JSONValue) -> [String] {
        var merged: [String: String] = [:]
        for (key, value) in pod["securityContext"]?.objectValue ?? [:] { merged[key] = text(value) }
        for (key, value) in container["securityContext"]?.objectValue ?? [:] { merged[key] = text(value) }
        return merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: return CanonicalJSON.compact(value)
        }
    }
}
