import Foundation
import ObjectModel

/// A client for one cluster's REST API: reads, lists, server-side apply and delete, with the
/// connection's credentials on every request and transient failures retried (``RetryPolicy``).
///
/// Create it through ``withKubeClient(_:retry:userAgent:environment:execLimits:_:)``, which owns the HTTP
/// client and always shuts it down:
///
/// ```swift
/// let live = try await withKubeClient(connection) { client in
///     try await client.get(.daemonSets, namespace: "monitoring", name: "node-exporter")
/// }
/// ```
///
/// ## Topics
///
/// ### Reading
/// - ``serverVersion()``
/// - ``get(_:namespace:name:)``
/// - ``list(_:namespace:labelSelector:fieldSelector:)``
///
/// ### Writing
/// - ``apply(_:fieldManager:force:dryRun:)``
/// - ``delete(_:namespace:name:dryRun:)``
public final class KubeClient: Sendable {
    /// The cluster and user this client talks as.
    public let connection: ClusterConnection
    /// The `User-Agent` sent when none is given: `dsledger/<version>`.
    public static let defaultUserAgent = "dsledger/0.1.0"

    let transport: KubeTransport
    let retry: RetryPolicy
    let credentials: RequestCredentials
    let userAgent: String
    let sleep: @Sendable (Duration) async -> Void
    let random: @Sendable () -> Double

    /// Creates a client sending through `transport`.
    /// - Parameters:
    ///   - connection: the cluster and credentials.
    ///   - transport: sends the requests; ``HTTPClientTransport`` in production, a closure in tests.
    ///   - retry: the retry policy.
    ///   - userAgent: the `User-Agent` header.
    ///   - environment: the environment exec credential plugins inherit (`PATH` finds them).
    ///   - pluginRunner: runs exec credential plugins.
    ///   - execLimits: how long an exec credential plugin may run and how much it may print.
    ///   - standardInputIsTerminal: whether standard input is a terminal, which an interactive
    ///     plugin (`interactiveMode` `IfAvailable` or `Always`) is then given.
    ///   - sleep: waits between retries.
    public init(connection: ClusterConnection, transport: @escaping KubeTransport, retry: RetryPolicy = .standard,
                userAgent: String = KubeClient.defaultUserAgent, environment: [String: String] = [:],
                pluginRunner: @escaping ExecPluginRunner = ProcessPluginRunner.run,
                execLimits: ExecPluginLimits = .standard, standardInputIsTerminal: Bool = isatty(STDIN_FILENO) != 0,
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.connection = connection
        self.transport = transport
        self.retry = retry
        self.userAgent = userAgent
        self.sleep = sleep
        self.random = { Double.random(in: 0..<1) }
        let provider = connection.exec.map {
            ExecCredentialProvider(config: $0, connection: connection, environment: environment, runner: pluginRunner,
                                   standardInputIsTerminal: standardInputIsTerminal, limits: execLimits)
        }
        self.credentials = RequestCredentials(connection: connection, execProvider: provider)
    }

    /// The server's version (`GET /version`).
    public func serverVersion() async throws(KubeAPIError) -> ServerVersion {
        let document = try await object(from: send("GET", "/version"))
        guard let version = ServerVersion(document: document) else {
            throw .invalidResponse("the API server at \(serverURL) sent a version without major and minor numbers")
        }
        return version
    }

    /// One object, or `nil` when the server answers 404.
    /// - Parameters:
    ///   - resource: its resource.
    ///   - namespace: its namespace (ignored for cluster-scoped resources).
    ///   - name: its name.
    public func get(_ resource: APIResource, namespace: String?, name: String) async throws(KubeAPIError) -> JSONValue? {
        let response = try await send("GET", resource.itemPath(namespace: namespace, name: name))
        if response.status == 404 { return nil }
        return try object(from: response)
    }

    /// Every object of `resource` in `namespace` (all namespaces when `nil`), with `apiVersion`
    /// and `kind` filled in (the server omits them in lists); pages are followed through
    /// `continue`.
    /// - Parameters:
    ///   - labelSelector: such as `app=agent,tier!=web`.
    ///   - fieldSelector: such as `metadata.name=agent`.
    public func list(_ resource: APIResource, namespace: String?, labelSelector: String? = nil,
                     fieldSelector: String? = nil) async throws(KubeAPIError) -> [JSONValue] {
        var items: [JSONValue] = []
        var token: String?
        repeat {
            var query: [(String, String?)] = [("labelSelector", labelSelector), ("fieldSelector", fieldSelector)]
            query.append(("limit", String(Self.pageSize)))
            query.append(("continue", token))
            let page = try await object(from: send("GET", resource.collectionPath(namespace: namespace) + Self.query(query)))
            switch page["items"] {
            case .array(let pageItems)?: items += pageItems.map { Self.typed($0, resource) }
            case .null?, nil: break
            default: throw .invalidResponse("the API server at \(serverURL) sent a \(resource.kind) list whose items are not a list")
            }
            token = page["metadata"]?["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return items
    }

    /// Server-side apply of `object` (`PATCH` with `application/apply-patch+yaml`; JSON is YAML).
    ///
    /// A namespaced object without `metadata.namespace` goes to the connection's namespace.
    /// - Parameters:
    ///   - object: the intent of `fieldManager`: `apiVersion`, `kind`, `metadata.name` and the
    ///     fields it owns.
    ///   - fieldManager: the manager name, such as `dsledger`.
    ///   - force: take fields other managers own instead of failing with a conflict.
    ///   - dryRun: ask for `dryRun=All`: the server answers with the result but stores nothing.
    /// - Returns: the object as the server stored it (or would have).
    /// - Throws: ``KubeAPIError/status(_:)`` with ``APIStatusError/conflicts`` on a conflict.
    public func apply(_ object: JSONValue, fieldManager: String, force: Bool, dryRun: Bool)
        async throws(KubeAPIError) -> JSONValue
    {
        let (resource, body, namespace, name) = try applyTarget(object)
        let query = Self.query([("fieldManager", fieldManager), ("force", force ? "true" : nil),
                                ("dryRun", dryRun ? "All" : nil)])
        let path = resource.itemPath(namespace: namespace, name: name) + query
        let response = try await send("PATCH", path, body: Data(CanonicalJSON.compact(body).utf8),
                                      contentType: "application/apply-patch+yaml")
        return try self.object(from: response)
    }

    /// Deletes one object with `propagationPolicy=Background`.
    /// - Parameters:
    ///   - dryRun: ask for `dryRun=All`: the server checks but deletes nothing.
    /// - Returns: `false` when it was already gone (404).
    public func delete(_ resource: APIResource, namespace: String?, name: String, dryRun: Bool)
        async throws(KubeAPIError) -> Bool
    {
        let query = Self.query([("propagationPolicy", "Background"), ("dryRun", dryRun ? "All" : nil)])
        let response = try await send("DELETE", resource.itemPath(namespace: namespace, name: name) + query)
        if response.status == 404 { return false }
        _ = try object(from: response)
        return true
    }

    /// Objects per page when listing.
    static let pageSize = 500
}
