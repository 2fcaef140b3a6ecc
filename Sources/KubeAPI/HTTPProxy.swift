import Foundation

/// The HTTP proxy requests to the API server go through, chosen as kubectl (client-go) chooses:
/// the cluster's `proxy-url` when the kubeconfig sets one, else `HTTPS_PROXY` / `https_proxy`
/// (`HTTP_PROXY` / `http_proxy` for an `http://` server) unless `NO_PROXY` / `no_proxy` or the
/// loopback rule exempts the server. HTTPS requests go through it with `CONNECT`, so the proxy
/// sees the host and port, never the requests.
///
/// As Go's `net/http` (`golang.org/x/net/http/httpproxy`): a value without a scheme is taken as
/// `http://`; the environment never proxies `localhost` or a loopback address; `proxy-url` is
/// used for every server and ignores `NO_PROXY`. Only `http://` proxies are supported (with
/// `user:password@` sent as Basic `Proxy-Authorization`); `https://` and `socks5://` are refused.
public struct HTTPProxy: Sendable, Hashable {
    /// The proxy's host name or address.
    public var host: String
    /// The proxy's port; 80 when the URL names none.
    public var port: Int
    /// The user of `http://user:password@host:port`, when given.
    public var user: String?
    /// The password of `http://user:password@host:port`, when given; never shown in any message.
    public var password: String?

    /// The proxy for requests to `server`.
    /// - Parameters:
    ///   - server: the API server's URL.
    ///   - proxyURL: the cluster's `proxy-url`, when set.
    ///   - environment: the client's environment (`HTTPS_PROXY`, `NO_PROXY`…).
    /// - Returns: `nil` when requests go straight to the server.
    /// - Throws: ``KubeconfigError/unsupportedProxy(source:scheme:)`` for a proxy that is not
    ///   `http://`, ``KubeconfigError/invalidProxy(source:)`` for one without a host.
    public static func selected(for server: URL, proxyURL: String?,
                                environment: [String: String]) throws(KubeconfigError) -> HTTPProxy? {
        if let proxyURL, !proxyURL.isEmpty { return try parse(proxyURL, source: "proxy-url") }
        let https = server.scheme?.lowercased() != "http"
        let names = https ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        guard let name = names.first(where: { !(environment[$0] ?? "").isEmpty }), let value = environment[name] else { return nil }
        let exemptions = NoProxy(environment["NO_PROXY"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["no_proxy"] ?? "")
        let host = Self.unbracketed(server.host ?? "")
        guard !exemptions.exempts(host: host, port: server.port ?? (https ? 443 : 80)) else { return nil }
        return try parse(value, source: name)
    }

    /// The proxy `text` names; a value without `scheme://` is taken as `http://`.
    static func parse(_ text: String, source: String) throws(KubeconfigError) -> HTTPProxy {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let parts = URLComponents(string: withScheme), let scheme = parts.scheme?.lowercased() else {
            throw .invalidProxy(source: source)
        }
        guard scheme == "http" else { throw .unsupportedProxy(source: source, scheme: scheme) }
        guard let host = parts.host.map(unbracketed), !host.isEmpty else { throw .invalidProxy(source: source) }
        return HTTPProxy(host: host, port: parts.port ?? 80, user: parts.user, password: parts.password)
    }

    /// `::1` for `[::1]`, as URLs write an IPv6 address.
    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
