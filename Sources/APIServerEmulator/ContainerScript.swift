/// What an emulated kubelet makes of one container of a daemon pod, scripted per node and
/// container with ``APIServer/scriptPod(node:container:state:)``. Unscripted containers run
/// and are ready.
public enum ContainerScript: Sendable, Hashable {
    /// Running and ready; `log` is what `GET …/log` returns.
    case running(log: [String] = [])
    /// Running but its readiness probe fails.
    case unready(log: [String] = [])
    /// Crashes and is restarted with back-off: waiting in `CrashLoopBackOff`, the last
    /// termination with `exitCode` and `reason` (`Error`, `OOMKilled`…), `restarts` restarts,
    /// and `previousLog` as the crashed container's output (`GET …/log?previous=true`).
    case crashLoop(exitCode: Int = 1, reason: String = "Error", restarts: Int = 5, previousLog: [String] = [])
    /// The image cannot be pulled: waiting in `ImagePullBackOff`; `detail` is the registry's
    /// answer, such as `manifest unknown`.
    case imagePullBackOff(detail: String = "not found")
    /// The kubelet cannot build the container's environment: waiting in
    /// `CreateContainerConfigError` because `kind` (`Secret` or `ConfigMap`) `name` — or its
    /// `key`, when given — is missing, with the kubelet's own message.
    case configError(kind: String, name: String, key: String?)

    /// A crash loop whose last termination was the kernel's OOM killer (exit code 137).
    public static func oomKilled(restarts: Int = 3, previousLog: [String] = []) -> ContainerScript {
        .crashLoop(exitCode: 137, reason: "OOMKilled", restarts: restarts, previousLog: previousLog)
    }

    /// Whether the container is ready.
    var isReady: Bool {
        if case .running = self { return true }
        return false
    }

    /// Whether the container has started at least once (the pod is then `Running`).
    var hasStarted: Bool {
        switch self {
        case .running, .unready, .crashLoop: true
        case .imagePullBackOff, .configError: false
        }
    }

    /// The kubelet's message for a configuration error in namespace `namespace`.
    func configMessage(namespace: String) -> String? {
        guard case .configError(let kind, let name, let key) = self else { return nil }
        guard let key else { return "\(kind.lowercased()) \"\(name)\" not found" }
        return "couldn't find key \(key) in \(kind) \(namespace)/\(name)"
    }
}
