import Foundation

/// Runs `body` with a client for `connection` and always shuts the HTTP client down, whether
/// `body` returns or throws.
///
/// ```swift
/// let version = try await withKubeClient(connection) { try await $0.serverVersion() }
/// ```
/// - Parameters:
///   - connection: the cluster and credentials, from ``KubeconfigLoader``.
///   - retry: the retry policy for transient failures.
///   - userAgent: the `User-Agent` header, `dsledger/<version>`.
///   - environment: the environment exec credential plugins run with (`PATH` finds them).
///   - execLimits: how long an exec credential plugin may run and how much it may print.
///   - body: the work to do with the client.
/// Requests go through the proxy ``HTTPProxy/selected(for:proxyURL:environment:)`` picks from the
/// cluster's `proxy-url` and `environment`.
/// - Throws: ``KubeAPIError`` when the TLS settings cannot be used, ``KubeconfigError`` for a proxy
///   that cannot be used, and whatever `body` throws.
public func withKubeClient<T: Sendable>(
    _ connection: ClusterConnection, retry: RetryPolicy = .standard,
    userAgent: String = KubeClient.defaultUserAgent,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    execLimits: ExecPluginLimits = .standard,
    _ body: (KubeClient) async throws -> T
) async throws -> T {
    let proxy = try HTTPProxy.selected(for: connection.server, proxyURL: connection.proxyURL, environment: environment)
    let transport = try HTTPClientTransport(connection: connection, proxy: proxy)
    let client = KubeClient(connection: connection, transport: transport.send, retry: retry, userAgent: userAgent,
                            environment: environment, execLimits: execLimits)
    do {
        let result = try await body(client)
        await transport.shutdown()
        return result
    } catch {
        await transport.shutdown()
        throw error
    }
}
