import ObjectModel

/// `volume_mounts[]`: a mount and the volume it mounts, in one entry.
public struct VolumeMount: Sendable, Hashable {
    public var origin: Origin
    public var name, mountPath, subPath: Located<String>?
    public var readOnly: Located<Bool>?
    public var configMap, secret: KeyedVolumeSource?
    public var hostPath: HostPathSource?
    public var emptyDir: EmptyDirSource?
    public var pvc: PvcSource?

    /// How many volume sources the entry gives (exactly one is valid).
    public var sourceCount: Int {
        [configMap != nil, secret != nil, hostPath != nil, emptyDir != nil, pvc != nil].filter { $0 }.count
    }
}

/// `config_map` or `secret`: a named object, optionally one key of it.
public struct KeyedVolumeSource: Sendable, Hashable {
    public var origin: Origin
    public var name, key, path: Located<String>?
    public var defaultMode: Located<Int64>?
}

/// `host_path`: written as a mapping `{path, type}`, or flat (`host_path: /var/log` with
/// `host_path_type` beside it) as the component documentation shows.
public struct HostPathSource: Sendable, Hashable {
    public var origin: Origin
    public var path, type: Located<String>?

    /// The types kubelet checks, besides "no check" (empty).
    public static let types = ["DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"]
}

/// `empty_dir`.
public struct EmptyDirSource: Sendable, Hashable {
    public var origin: Origin
    public var medium, sizeLimit: Located<String>?
}

/// `pvc`.
public struct PvcSource: Sendable, Hashable {
    public var origin: Origin
    public var claimName: Located<String>?
    public var readOnly: Located<Bool>?
}

/// A liveness, readiness or startup probe.
public struct Probe: Sendable, Hashable {
    public var origin: Origin
    public var initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold: Located<Int64>?
    public var httpGet: HTTPGetAction?
    public var grpc: GRPCAction?
    public var tcpSocket: TCPSocketAction?
    public var exec: ExecAction?
}

/// `http_get`: an HTTP GET against a port given by number or by name.
public struct HTTPGetAction: Sendable, Hashable {
    public var origin: Origin
    public var path, host, scheme: Located<String>?
    public var portNumber: Located<Int64>?
    public var portName: Located<String>?
    public var httpHeaders: [HTTPHeader] = []
}

/// An HTTP header of an `http_get` probe.
public struct HTTPHeader: Sendable, Hashable {
    public var origin: Origin
    public var name, value: Located<String>?
}

public struct GRPCAction: Sendable, Hashable {
    public var origin: Origin
    public var port: Located<Int64>?
    public var service: Located<String>?
}

public struct TCPSocketAction: Sendable, Hashable {
    public var origin: Origin
    public var portNumber: Located<Int64>?
    public var portName: Located<String>?
    public var host: Located<String>?
}

public struct ExecAction: Sendable, Hashable {
    public var origin: Origin
    public var command: [Located<String>] = []
}
