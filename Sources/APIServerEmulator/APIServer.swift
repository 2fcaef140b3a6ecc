import Foundation
import KubernetesRules
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ObjectModel

/// A running Kubernetes API server emulator: HTTPS on 127.0.0.1 with generated certificates,
/// bearer-token and client-certificate authentication, discovery, and the REST verbs of the
/// Kubernetes API (https://kubernetes.io/docs/reference/using-api/api-concepts/) for the
/// resources of ``ResourceCatalog``.
///
/// ```swift
/// let server = try await APIServer.start(version: KubernetesVersion(major: 1, minor: 31))
/// try server.writeKubeconfig(to: "/tmp/kubeconfig")
/// // … kubectl --kubeconfig /tmp/kubeconfig get ns …
/// try await server.shutdown()
/// ```
public final class APIServer: Sendable {
    /// The base URL, `https://127.0.0.1:<port>`.
    public let url: String
    /// The port bound.
    public let port: Int
    /// The bearer token accepted at start (see ``acceptTokens(_:)`` to change the set).
    public let token: String
    /// The generated certificates.
    public let authority: CertificateAuthority
    /// The emulated Kubernetes version.
    public let version: KubernetesVersion

    let state: EmulatorState
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(url: String, port: Int, token: String, authority: CertificateAuthority, version: KubernetesVersion,
                 state: EmulatorState, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.url = url
        self.port = port
        self.token = token
        self.authority = authority
        self.version = version
        self.state = state
        self.group = group
        self.channel = channel
    }

    /// Starts an emulator.
    /// - Parameters:
    ///   - version: the Kubernetes version to emulate (version document and defaulting).
    ///   - port: the loopback port; 0 picks a free one.
    ///   - token: the bearer token to accept; random when `nil`.
    ///   - nodes: how many Ready nodes `node-1`…`node-N` are registered, as kubelets would.
    ///   - watch: how watches behave (history kept, bookmark interval, default timeout).
    public static func start(version: KubernetesVersion, port: Int = 0, token: String? = nil, nodes: Int = 3,
                             watch: WatchSettings = WatchSettings()) async throws -> APIServer {
        let authority = try CertificateAuthority()
        let token = token ?? UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let state = EmulatorState(version: version, token: token, nodes: nodes, watchSettings: watch)
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(authority.serverCertificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(authority.serverKeyPEM.utf8), format: .pem)))
        tls.certificateVerification = .optionalVerification
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authority.caCertificatePEM.utf8)))
        tls.applicationProtocols = ["http/1.1"]
        let context = try NIOSSLContext(configuration: tls)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let address = AddressBox()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(NIOSSLServerHandler(context: context))
                    try sync.configureHTTPServerPipeline()
                    try sync.addHandler(HTTPChannelHandler(state: state, serverAddress: address.value))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let bound = channel.localAddress?.port ?? port
        address.value = "127.0.0.1:\(bound)"
        return APIServer(url: "https://127.0.0.1:\(bound)", port: bound, token: token, authority: authority,
                         version: version, state: state, group: group, channel: channel)
    }

    /// The kubeconfig YAML for this server (see ``Kubeconfig``).
    public var kubeconfig: String { Kubeconfig.yaml(server: url, authority: authority, token: token) }

    /// Writes ``kubeconfig`` to a file.
    public func writeKubeconfig(to path: String) throws {
        try kubeconfig.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The requests received so far, oldest first, faulted ones included.
    public var requests: [RecordedRequest] { state.requests }

    /// The CA certificate (PEM) that signed the server and client certificates.
    public var caCertificatePEM: String { authority.caCertificatePEM }

    /// Queues faults served instead of the next requests, one per request, oldest first
    /// (any path, before authentication; an admission refusal waits for a write to its resource). A faulted request is still recorded in ``requests``
    /// with the status sent, or 0 when the connection was dropped.
    public func injectFaults(_ faults: [Fault]) {
        state.injectFaults(faults)
    }

    /// How many injected faults are still waiting for a request.
    public var pendingFaults: Int { state.pendingFaults }

    /// Replaces the set of accepted bearer tokens (``token`` is the initial set); a request
    /// with any other token gets 401, as with an expired token. Client certificates signed by
    /// the CA stay accepted.
    public func acceptTokens(_ tokens: Set<String>) {
        state.acceptTokens(tokens)
    }

    /// Makes every request to these resources (plurals, such as `leases`) answer 403 Forbidden
    /// with RBAC's message, as for a user without permission on them; an empty set lifts it.
    public func forbid(_ plurals: Set<String>) {
        state.forbid(plurals)
    }

    /// A stored object by API version, kind, namespace and name, with kind and apiVersion; `nil`
    /// when absent or of a kind not served.
    public func storedObject(apiVersion: String, kind: String, namespace: String = "", name: String) -> JSONValue? {
        guard let type = ResourceCatalog.resource(apiVersion: apiVersion, kind: kind) else { return nil }
        return state.object(type, namespace: namespace, name: name)
    }

    /// Adds or replaces a Node, as if its kubelet (or an administrator) had written it, and
    /// lets the DaemonSet controller react. A node without `status` gets a healthy kubelet's
    /// Ready status; one without `metadata.labels` gets the kubelet's well-known labels.
    ///
    /// ```swift
    /// server.putNode(["metadata": ["name": "gpu-1", "labels": ["gpu": "true"]],
    ///                 "spec": ["taints": [["key": "gpu", "effect": "NoSchedule"]]]])
    /// ```
    public func putNode(_ node: JSONValue) {
        state.putNode(node)
    }

    /// Sets how fast the emulated DaemonSet controller rolls templates out (``RolloutPace``);
    /// ``RolloutPace/immediate`` at start.
    public func setRolloutPace(_ pace: RolloutPace) {
        state.setRolloutPace(pace)
    }

    /// Ends every watch stream cleanly, stops listening and releases the event loop.
    public func shutdown() async throws {
        for stream in state.closeAllWatches() { await stream.end() }
        try? await channel.close().get()
        try await group.shutdownGracefully()
    }
}

/// The bound address, known only after `bind`, read by connection handlers later.
private final class AddressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = ""
    var value: String {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
