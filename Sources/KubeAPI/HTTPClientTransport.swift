internal import AsyncHTTPClient
import Foundation
internal import NIOCore
internal import NIOHTTP1
internal import NIOSSL

/// The production ``KubeTransport``: HTTPS through AsyncHTTPClient with the connection's TLS
/// settings.
///
/// `tls-server-name` is honoured by addressing the request to that name and resolving it to
/// the server's real host, so the name is both sent as SNI and verified; the `Host` header
/// still names the server. Connection failures are reported at once (as
/// ``TransportError/connectionFailed(_:)``) so that ``KubeClient``'s ``RetryPolicy`` decides
/// about retries. Call ``shutdown()`` when done; ``withKubeClient(_:retry:userAgent:environment:execLimits:_:)``
/// does.
public final class HTTPClientTransport: Sendable {
    private let client: HTTPClient
    private let baseTLS: TLSConfiguration
    private let connection: ClusterConnection
    /// The URL prefix requests go to (the server URL, host replaced by `tls-server-name`).
    private let base: String
    /// The `Host` header when `tls-server-name` changed the URL's host.
    private let hostHeader: String?
    /// The limit for one request.
    private let timeout: TimeAmount
    /// The longest response body accepted.
    static let maximumBodySize = 256 << 20

    /// Creates the HTTP client for `connection`.
    /// - Parameters:
    ///   - timeout: the limit for one request, connecting included.
    ///   - proxy: the HTTP proxy to go through with `CONNECT` (see ``HTTPProxy/selected(for:proxyURL:environment:)``).
    /// - Throws: ``KubeAPIError`` when the CA or client certificate cannot be used.
    public init(connection: ClusterConnection, timeout: Duration = .seconds(60), proxy: HTTPProxy? = nil) throws(KubeAPIError) {
        do {
            baseTLS = try connection.tlsConfiguration()
        } catch {
            throw Self.describe(error, connection: connection)
        }
        self.connection = connection
        self.timeout = TimeAmount(timeout)
        var configuration = HTTPClient.Configuration(tlsConfiguration: baseTLS)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10), read: TimeAmount(timeout))
        configuration.redirectConfiguration = .disallow
        if let proxy {
            let authorization = proxy.user.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        let target = Self.target(connection)
        base = target.base
        hostHeader = target.host
        if let override = target.override { configuration.dnsOverride = override }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request` and collects the whole response.
    /// - Throws: ``TransportError``.
    public func send(_ request: KubeRequest) async throws -> KubeResponse {
        var outgoing = HTTPClientRequest(url: base + request.path)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let hostHeader { outgoing.headers.replaceOrAdd(name: "Host", value: hostHeader) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        if let certificate = request.clientCertificate {
            outgoing.tlsConfiguration = try connection.tlsConfiguration(clientCertificate: certificate)
        }
        do {
            let response = try await client.execute(outgoing, timeout: timeout)
            let body = try await response.body.collect(upTo: Self.maximumBodySize)
            return KubeResponse(status: Int(response.status.code),
                                headers: response.headers.map { Header($0.name, $0.value) },
                                body: Data(body.readableBytesView))
        } catch {
            throw Self.classify(error)
        }
    }

    /// Closes the connections and stops the client.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// The URL prefix, `Host` header and DNS override that make `tls-server-name` the name
    /// the TLS layer sends and verifies.
    private static func target(_ connection: ClusterConnection) -> (base: String, host: String?, override: [String: String]?) {
        let server = connection.server.absoluteString.hasSuffix("/")
            ? String(connection.server.absoluteString.dropLast()) : connection.server.absoluteString
        guard let name = connection.tlsServerName, let host = connection.server.host,
              var parts = URLComponents(url: connection.server, resolvingAgainstBaseURL: false),
              name != host
        else { return (server, nil, nil) }
        parts.host = name
        if parts.port == nil { parts.port = connection.server.scheme == "http" ? 80 : 443 }
        guard let renamed = parts.string else { return (server, nil, nil) }
        let hostHeader = connection.server.port.map { "\(host):\($0)" } ?? host
        let trimmed = renamed.hasSuffix("/") ? String(renamed.dropLast()) : renamed
        return (trimmed, hostHeader, [name: host])
    }
}
