import ObjectModel

/// `spec.container`.
public struct Container: Sendable, Hashable {
    public var origin: Origin
    public var app: App?
    public var sidecars: [Sidecar] = []
}

/// `spec.container.app`: the DaemonSet's main container.
public struct App: Sendable, Hashable {
    public var origin: Origin
    public var image: Image?
    public var resources: Resources?
    public var env: Env?
    public var ports: [Port] = []
    public var volumeMounts: [VolumeMount] = []
    public var livenessProbe, readinessProbe, startupProbe: Probe?
    public var command: [Located<String>] = []
    public var args: [Located<String>] = []
    public var securityContext: SecurityContext?
}

/// `image`: repository and tag, joined as `repo:tag`.
public struct Image: Sendable, Hashable {
    public var origin: Origin
    public var repo, tag, pullSecretName: Located<String>?
}

/// `resources`: limits and requests.
public struct Resources: Sendable, Hashable {
    public var origin: Origin
    public var limits, requests: CpuMemory?

    /// The defaults Planton's spec declares (and never applies) for the main container; dsledger
    /// applies them to each quantity left out.
    public static let defaultLimits = (cpu: "1000m", memory: "1Gi")
    public static let defaultRequests = (cpu: "50m", memory: "100Mi")
}

/// CPU and memory quantities.
public struct CpuMemory: Sendable, Hashable {
    public var origin: Origin
    public var cpu, memory: Located<String>?
}

/// `env`: plain variables and secret variables, each in source order.
public struct Env: Sendable, Hashable {
    public var origin: Origin
    public var variables: [EnvVariable] = []
    public var secrets: [EnvSecret] = []
}

/// One of `env.variables`: a literal (or, unsupported here, a `value_from` reference).
public struct EnvVariable: Sendable, Hashable {
    public var name: Located<String>
    public var value: ValueOrRef
}

/// One of `env.secrets`.
public struct EnvSecret: Sendable, Hashable {
    public var name: Located<String>
    public var value: SecretValue
}

/// A secret env value: a literal (stored in the generated Secret) or a reference to an
/// existing Secret.
public struct SecretValue: Sendable, Hashable {
    public var origin: Origin
    public var value: Located<String>?
    public var secretRef: SecretRef?
}

/// `secret_ref`: a key of an existing Secret in the DaemonSet's namespace.
public struct SecretRef: Sendable, Hashable {
    public var origin: Origin
    public var name, key, namespace: Located<String>?
}

/// `ports[]` of the main container.
public struct Port: Sendable, Hashable {
    public var origin: Origin
    public var name: Located<String>?
    public var containerPort: Located<Int64>?
    public var networkProtocol: Located<String>?
    public var hostPort: Located<Int64>?
}

/// A sidecar or init container (Planton's `Container`, plus dsledger's extensions `command`,
/// `args`, `volume_mounts` and `security_context`).
public struct Sidecar: Sendable, Hashable {
    public var origin: Origin
    public var name, image: Located<String>?
    public var ports: [SidecarPort] = []
    public var resources: Resources?
    public var env: [SidecarEnv] = []
    public var command: [Located<String>] = []
    public var args: [Located<String>] = []
    public var volumeMounts: [VolumeMount] = []
    public var securityContext: SecurityContext?
}

/// A sidecar's port.
public struct SidecarPort: Sendable, Hashable {
    public var origin: Origin
    public var name: Located<String>?
    public var containerPort: Located<Int64>?
    public var `protocol`: Located<String>?
}

/// A sidecar's literal env variable.
public struct SidecarEnv: Sendable, Hashable {
    public var origin: Origin
    public var name, value: Located<String>?
}

/// `security_context` of a container.
public struct SecurityContext: Sendable, Hashable {
    public var origin: Origin
    public var privileged, runAsNonRoot, readOnlyRootFilesystem: Located<Bool>?
    public var runAsUser, runAsGroup: Located<Int64>?
    public var capabilities: Capabilities?
}

/// Linux capabilities to add and drop.
public struct Capabilities: Sendable, Hashable {
    public var origin: Origin
    public var add: [Located<String>] = []
    public var drop: [Located<String>] = []
}
