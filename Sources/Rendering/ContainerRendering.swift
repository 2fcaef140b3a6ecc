import KubernetesRules
import ManifestModel
import ObjectModel

/// The main container, sidecars and init containers.
struct ContainerRendering {
    static let mainName = "daemonset-container"

    /// The main container of the manifest named `name`.
    func main(_ app: App?, name: String) -> JSONValue {
        var out: [String: JSONValue] = [
            "name": .string(Self.mainName),
            "image": .string(Self.reference(app?.image)),
            "env": .array(env(app?.env, envSecret: "\(name)-env-secrets")),
            "resources": Self.resources(app?.resources, defaults: true),
        ]
        if let ports = app?.ports, !ports.isEmpty { out["ports"] = .array(ports.map(Self.port)) }
        if let mounts = app?.volumeMounts, !mounts.isEmpty { out["volumeMounts"] = .array(mounts.map(VolumeRendering.mount)) }
        if let command = app?.command, !command.isEmpty { out["command"] = strings(command) }
        if let args = app?.args, !args.isEmpty { out["args"] = strings(args) }
        for (key, probe) in [("livenessProbe", app?.livenessProbe), ("readinessProbe", app?.readinessProbe),
                             ("startupProbe", app?.startupProbe)] {
            if let probe { out[key] = ProbeRendering.probe(probe) }
        }
        if let context = app?.securityContext { out["securityContext"] = Self.securityContext(context) }
        return .object(out)
    }

    /// `repo:tag`.
    static func reference(_ image: Image?) -> String {
        "\(image?.repo?.value ?? ""):\(image?.tag?.value ?? "")"
    }

    func sidecar(_ sidecar: Sidecar) -> JSONValue {
        var out: [String: JSONValue] = ["name": .string(sidecar.name?.value ?? ""), "image": .string(sidecar.image?.value ?? "")]
        if !sidecar.ports.isEmpty {
            out["ports"] = .array(sidecar.ports.map { port in
                var item: [String: JSONValue] = ["containerPort": .int(port.containerPort?.value ?? 0)]
                if let name = port.name?.value, !name.isEmpty { item["name"] = .string(name) }
                if let proto = port.protocol?.value, !proto.isEmpty { item["protocol"] = .string(proto) }
                return .object(item)
            })
        }
        if let resources = sidecar.resources { out["resources"] = Self.resources(resources, defaults: false) }
        if !sidecar.env.isEmpty {
            out["env"] = .array(sidecar.env.map { ["name": .string($0.name?.value ?? ""), "value": .string($0.value?.value ?? "")] })
        }
        if !sidecar.command.isEmpty { out["command"] = strings(sidecar.command) }
        if !sidecar.args.isEmpty { out["args"] = strings(sidecar.args) }
        if !sidecar.volumeMounts.isEmpty { out["volumeMounts"] = .array(sidecar.volumeMounts.map(VolumeRendering.mount)) }
        if let context = sidecar.securityContext { out["securityContext"] = Self.securityContext(context) }
        return .object(out)
    }

    /// The three injected variables, then plain variables sorted by name, then secrets sorted by
    /// name. Explicit empty values are kept.
    private func env(_ env: Env?, envSecret: String) -> [JSONValue] {
        var out: [JSONValue] = [
            ["name": "HOSTNAME", "valueFrom": ["fieldRef": ["fieldPath": "status.podIP"]]],
            ["name": "K8S_POD_ID", "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.name"]]],
            ["name": "K8S_NODE_NAME", "valueFrom": ["fieldRef": ["fieldPath": "spec.nodeName"]]],
        ]
        let variables = (env?.variables ?? []).sorted { $0.name.value.utf8Precedes($1.name.value) }
        for variable in variables {
            guard let value = variable.value.value else { continue }
            out.append(["name": .string(variable.name.value), "value": .string(value.value)])
        }
        let secrets = (env?.secrets ?? []).sorted { $0.name.value.utf8Precedes($1.name.value) }
        for secret in secrets {
            let reference: JSONValue
            if let ref = secret.value.secretRef {
                reference = ["name": .string(ref.name?.value ?? ""), "key": .string(ref.key?.value ?? "")]
            } else {
                reference = ["name": .string(envSecret), "key": .string(secret.name.value)]
            }
            out.append(["name": .string(secret.name.value), "valueFrom": ["secretKeyRef": reference]])
        }
        return out
    }

    static func port(_ port: Port) -> JSONValue {
        var out: [String: JSONValue] = [
            "name": .string(port.name?.value ?? ""), "containerPort": .int(port.containerPort?.value ?? 0),
            "protocol": .string(port.networkProtocol?.value ?? "TCP"),
        ]
        if let host = port.hostPort { out["hostPort"] = .int(host.value) }
        return .object(out)
    }

    /// Limits and requests; for the main container each quantity left out gets Planton's
    /// declared default (D14). A defaulted request never exceeds the container's limit: with
    /// `limits: {cpu: 20m}` the CPU request is 20m, not 50m, as Kubernetes itself would default it.
    static func resources(_ resources: Resources?, defaults: Bool) -> JSONValue {
        let limitCPU = resources?.limits?.cpu?.value ?? (defaults ? Resources.defaultLimits.cpu : nil)
        let limitMemory = resources?.limits?.memory?.value ?? (defaults ? Resources.defaultLimits.memory : nil)
        let requestCPU = resources?.requests?.cpu?.value
            ?? (defaults ? capped(Resources.defaultRequests.cpu, by: limitCPU) : nil)
        let requestMemory = resources?.requests?.memory?.value
            ?? (defaults ? capped(Resources.defaultRequests.memory, by: limitMemory) : nil)
        func pair(_ cpu: String?, _ memory: String?) -> JSONValue? {
            var out: [String: JSONValue] = [:]
            if let cpu { out["cpu"] = .string(cpu) }
            if let memory { out["memory"] = .string(memory) }
            return out.isEmpty ? nil : .object(out)
        }
        var out: [String: JSONValue] = [:]
        if let limits = pair(limitCPU, limitMemory) { out["limits"] = limits }
        if let requests = pair(requestCPU, requestMemory) { out["requests"] = requests }
        return .object(out)
    }

    /// `fallback`, or `limit` when that is smaller.
    private static func capped(_ fallback: String, by limit: String?) -> String {
        guard let limit, let cap = Quantity(limit), let wanted = Quantity(fallback), cap.value < wanted.value else {
            return fallback
        }
        return limit
    }

    /// Every field that was written, zeros and `false` included (D5).
    static func securityContext(_ context: SecurityContext) -> JSONValue {
        var out: [String: JSONValue] = [:]
        if let value = context.privileged { out["privileged"] = .bool(value.value) }
        if let value = context.runAsUser { out["runAsUser"] = .int(value.value) }
        if let value = context.runAsGroup { out["runAsGroup"] = .int(value.value) }
        if let value = context.runAsNonRoot { out["runAsNonRoot"] = .bool(value.value) }
        if let value = context.readOnlyRootFilesystem { out["readOnlyRootFilesystem"] = .bool(value.value) }
        if let capabilities = context.capabilities {
            var caps: [String: JSONValue] = [:]
            if !capabilities.add.isEmpty { caps["add"] = strings(capabilities.add) }
            if !capabilities.drop.isEmpty { caps["drop"] = strings(capabilities.drop) }
            if !caps.isEmpty { out["capabilities"] = .object(caps) }
        }
        return .object(out)
    }
}
