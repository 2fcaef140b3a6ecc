/// A pod of the DaemonSet that is not ready, and what its containers say.
public struct PodProblem: Sendable, Hashable {
    /// The pod's name.
    public var pod: String
    /// The node it is bound to or meant for; `nil` when unknown.
    public var node: String?
    /// `status.phase`.
    public var phase: String
    /// Conditions that are not True, as `Type: reason: message` (such as `PodScheduled: Unschedulable: 0/3 nodes…`).
    public var conditions: [String]
    /// The containers that are not ready, init containers first.
    public var containers: [ContainerProblem]
}

/// One container that is not ready.
public struct ContainerProblem: Sendable, Hashable {
    /// The container's name.
    public var name: String
    /// Whether it is an init container.
    public var isInit: Bool
    /// `waiting`, `running` or `terminated`; `unknown` when the kubelet reported nothing.
    public var state: String
    /// The state's reason: `CrashLoopBackOff`, `ImagePullBackOff`, `ErrImagePull`,
    /// `CreateContainerConfigError`, `OOMKilled`…; empty when none.
    public var reason: String
    /// The state's message.
    public var message: String
    /// `restartCount`.
    public var restarts: Int
    /// The last termination as `reason, exit code N` (`OOMKilled, exit code 137`); `nil` when none.
    public var lastTermination: String?
    /// The image the container runs.
    public var image: String
    /// The last lines of the previous (crashed) container's log; empty when not fetched or none.
    public var previousLog: [String]
    /// The Secret or ConfigMap (and key) a `CreateContainerConfigError` is missing.
    public var missingReference: MissingReference?
    /// Host-path mounts involved in permission errors found in the previous log.
    public var permissionProblems: [HostPathPermission]
}

/// A Secret or ConfigMap, or one of its keys, that a container refers to but cannot find.
public struct MissingReference: Sendable, Hashable {
    /// `Secret` or `ConfigMap`.
    public var kind: String
    /// Its namespace, when the message names one.
    public var namespace: String?
    /// Its name.
    public var name: String
    /// The missing key; `nil` when the whole object is missing.
    public var key: String?
    /// Where the container refers to it: `env TOKEN`, `envFrom`, `volume config`.
    public var references: [String]

    /// `key TOKEN of Secret ops/agent-env` or `Secret ops/agent-env`.
    public var description: String {
        let object = "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
        return key.map { "key \($0) of \(object)" } ?? object
    }
}

/// A permission error on a path under a host-path mount, with the security context in force.
public struct HostPathPermission: Sendable, Hashable {
    /// The path the log names.
    public var path: String
    /// The log line.
    public var line: String
    /// The container's mount path that holds the path.
    public var mountPath: String
    /// The volume's name.
    public var volume: String
    /// The `hostPath.path` on the node.
    public var hostPath: String
    /// Whether the mount is read-only.
    public var readOnly: Bool
    /// The security context involved, pod and container merged (container wins), as
    /// `runAsUser=1000`, `readOnlyRootFilesystem=true`…; empty when none is set (root).
    public var securityContext: [String]
}
