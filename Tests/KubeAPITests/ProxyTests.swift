import APIServerEmulator
import EmulatorTestSupport
import Foundation
@testable import KubeAPI
import Testing

/// Requests through an HTTP CONNECT proxy, chosen as kubectl chooses: `proxy-url`, else
/// `HTTPS_PROXY` unless `NO_PROXY` exempts the server.
@Suite(.tags(.large)) struct ProxyTests {
    @Test func proxyURLFromTheKubeconfigIsUsed() async throws {
        try await withAPIServer { running in
            try await ConnectProxy.with { proxy in
                var connection = try Emulator.connection(running)
                connection.proxyURL = "http://127.0.0.1:\(proxy.port)"
                let version = try await Emulator.withClient(connection) { try await $0.serverVersion() }
                #expect(version.minor == 31)
                try await Self.expectTunnels(to: "127.0.0.1:\(running.server.port)", proxy)
            }
        }
    }

    /// The proxy tunnelled to `target`, and only there (more than once when a request was retried).
    static func expectTunnels(to target: String, _ proxy: ConnectProxy) async throws {
        let connects = await proxy.log.connects
        #expect(!connects.isEmpty && connects.allSatisfy { $0 == target }, "\(connects)")
    }

    /// A name only the proxy can reach (it sends every CONNECT to loopback), in the emulator's
    /// certificate, so TLS is verified end to end through the tunnel.
    func throughName(_ running: RunningAPIServer) throws -> ClusterConnection {
        var connection = try Emulator.connection(running)
        connection.server = try #require(URL(string: "https://kubernetes.default.svc:\(running.server.port)"))
        return connection
    }

    @Test func httpsProxyFromTheEnvironmentIsUsed() async throws {
        try await withAPIServer { running in
            try await ConnectProxy.with { proxy in
                let environment = ["HTTPS_PROXY": "127.0.0.1:\(proxy.port)"]
                _ = try await withKubeClient(try throughName(running), retry: Emulator.fast, environment: environment) {
                    try await $0.serverVersion()
                }
                try await Self.expectTunnels(to: "kubernetes.default.svc:\(running.server.port)", proxy)
            }
        }
    }

    @Test func noProxyBypassesTheProxy() async throws {
        try await withAPIServer { running in
            try await ConnectProxy.with { proxy in
                let environment = ["HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)", "no_proxy": "example.com, .svc"]
                let once = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1), maxRetryAfter: .milliseconds(1))
                // Straight to a name no DNS here knows: the request fails, and the proxy saw nothing.
                await #expect(throws: (any Error).self) {
                    try await withKubeClient(try throughName(running), retry: once, environment: environment) { try await $0.serverVersion() }
                }
                #expect(await proxy.log.connects.isEmpty)
            }
        }
    }

    @Test func loopbackIsNeverProxiedFromTheEnvironment() async throws {
        try await withAPIServer { running in
            try await ConnectProxy.with { proxy in
                let environment = ["HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)"]
                _ = try await withKubeClient(try Emulator.connection(running), retry: Emulator.fast, environment: environment) {
                    try await $0.serverVersion()
                }
                #expect(await proxy.log.connects.isEmpty)
            }
        }
    }

    static let server = URL(string: "https://api.example.com:6443")!

    @Test func proxyURLWinsOverTheEnvironmentAndIgnoresNoProxy() throws {
        let environment = ["HTTPS_PROXY": "http://env:3128", "NO_PROXY": "*"]
        #expect(try HTTPProxy.selected(for: Self.server, proxyURL: "http://user:pa%3Ass@kube-proxy:8080", environment: environment)
            == HTTPProxy(host: "kube-proxy", port: 8080, user: "user", password: "pa:ss"))
        #expect(try HTTPProxy.selected(for: Self.server, proxyURL: nil, environment: environment) == nil)
    }

    @Test func environmentVariablesInKubectlsOrder() throws {
        let both = ["HTTPS_PROXY": "upper:1", "https_proxy": "lower:2", "HTTP_PROXY": "plain:3"]
        #expect(try HTTPProxy.selected(for: Self.server, proxyURL: nil, environment: both)?.host == "upper")
        #expect(try HTTPProxy.selected(for: Self.server, proxyURL: nil, environment: ["https_proxy": "lower:2"])?.port == 2)
        #expect(try HTTPProxy.selected(for: Self.server, proxyURL: nil, environment: ["HTTP_PROXY": "plain:3"]) == nil,
                "HTTP_PROXY is for http:// servers")
        #expect(try HTTPProxy.selected(for: URL(string: "http://api.example.com")!, proxyURL: nil, environment: both)?.host == "plain")
        #expect(try HTTPProxy.selected(for: Self.server, proxyURL: nil, environment: ["HTTPS_PROXY": "p:1", "NO_PROXY": "", "no_proxy": "example.com"]) == nil)
    }

    @Test(arguments: ["socks5://proxy:1080", "https://proxy:443", "socks5h://proxy"])
    func proxiesOtherThanHTTPAreRefused(url: String) throws {
        let scheme = String(url.prefix { $0 != ":" })
        #expect(throws: KubeconfigError.unsupportedProxy(source: "proxy-url", scheme: scheme)) {
            try HTTPProxy.selected(for: Self.server, proxyURL: url, environment: [:])
        }
        #expect(KubeconfigError.unsupportedProxy(source: "proxy-url", scheme: "socks5").description
            == "proxy-url: error: a 'socks5' proxy is not supported; use an HTTP proxy (http://host:port), which HTTPS requests go through with CONNECT")
    }

    @Test(arguments: [
        ("*", "anything.io", 443, true),
        ("example.com", "example.com", 6443, true), ("example.com", "api.example.com", 6443, true),
        ("example.com", "badexample.com", 6443, false),
        (".example.com", "example.com", 6443, false), (".example.com", "api.example.com", 6443, true),
        ("*.example.com", "example.com", 6443, false), ("*.example.com", "api.example.com", 6443, true),
        ("example.com:6443", "api.example.com", 6443, true), ("example.com:443", "api.example.com", 6443, false),
        ("10.0.0.0/8", "10.1.2.3", 6443, true), ("10.0.0.0/8", "11.0.0.1", 6443, false),
        ("10.0.0.1", "10.0.0.1", 6443, true), ("10.0.0.1:443", "10.0.0.1", 6443, false),
        ("fd00::/8", "fd12::1", 6443, true), ("[fd00::1]:6443", "fd00::1", 6443, true),
        (" EXAMPLE.com ,other", "api.example.com", 6443, true),
        ("", "localhost", 6443, true), ("", "127.0.0.7", 6443, true), ("", "::1", 6443, true), ("", "10.0.0.1", 6443, false),
    ])
    func noProxyMatchesAsGoDoes(list: String, host: String, port: Int, exempt: Bool) {
        #expect(NoProxy(list).exempts(host: host, port: port) == exempt)
    }
}
