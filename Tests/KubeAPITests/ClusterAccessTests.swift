import APIServerEmulator
import EmulatorTestSupport
import Foundation
import KubeAPI
import ObjectModel
import Testing

/// Authentication and TLS against the emulator over real HTTPS.
@Suite(.tags(.large)) struct ClusterAccessTests {
    @Test func bearerTokenFromTheKubeconfig() async throws {
        try await withAPIServer { running in
            let version = try await Emulator.withClient(try Emulator.connection(running)) { try await $0.serverVersion() }
            #expect(version.major == 1 && version.minor == 31)
            let request = try #require(running.requests.last)
            #expect(request.headers["authorization"] == "Bearer \(running.server.token)")
            #expect(request.headers["user-agent"] == "dsledger/0.1.0")
            #expect(request.headers["accept"] == "application/json")
        }
    }

    @Test func bearerTokenFromAFile() async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            let path = try Emulator.write(running, "token", running.server.token + "\n")
            connection.bearerToken = BearerTokenSource(token: nil, tokenFile: path, readFile: KubeconfigLoader.readFromDisk)
            let namespaces = try await Emulator.withClient(connection) { try await $0.list(.namespaces, namespace: nil) }
            #expect(running.requests.last?.responseStatus == 200)
            #expect(namespaces.allSatisfy { $0["kind"] == "Namespace" })
        }
    }

    @Test func clientCertificate() async throws {
        try await withAPIServer { running in
            let connection = try Emulator.connection(running, context: Kubeconfig.certificateContext)
            let found = try await Emulator.withClient(connection) { try await $0.get(.configMaps, namespace: "default", name: "none") }
            #expect(found == nil)
            #expect(running.requests.map(\.responseStatus) == [404])
            #expect(running.requests.last?.headers["authorization"] == nil)
        }
    }

    @Test(arguments: [ExecPluginConfig.APIVersion.v1, .v1beta1])
    func execPluginToken(apiVersion: ExecPluginConfig.APIVersion) async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            connection.bearerToken = nil
            let script = try Emulator.write(running, "plugin.sh", """
                #!/bin/sh
                printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"}}' \
                  "\(apiVersion.rawValue)" "\(running.server.token)"
                """, executable: true)
            connection.exec = ExecPluginConfig(apiVersion: apiVersion, command: script, interactiveMode: .never)
            try await Emulator.withClient(connection) { client in
                _ = try await client.serverVersion()
                _ = try await client.list(.configMaps, namespace: "default")
            }
            #expect(running.requests.map(\.responseStatus) == [200, 200])
        }
    }

    @Test func untrustedServerIsRefused() async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            connection.certificateAuthority = Data(try CertificateAuthority().caCertificatePEM.utf8)
            connection.certificateAuthorityOrigin = "file '/etc/other-ca.crt'"
            let error = await #expect(throws: KubeAPIError.self) {
                try await Emulator.withClient(connection) { try await $0.serverVersion() }
            }
            #expect(error == .untrustedServer("the API server at \(running.url) presented a certificate that is not"
                + " trusted: certificate verify failed; it was checked against the certificate authority from"
                + " file '/etc/other-ca.crt'"))
            #expect(running.requests.isEmpty)
        }
    }

    @Test func systemRootsDoNotTrustTheEmulator() async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            connection.certificateAuthority = nil
            let error = await #expect(throws: KubeAPIError.self) {
                try await Emulator.withClient(connection) { try await $0.serverVersion() }
            }
            #expect(error?.description.hasSuffix("checked against the system's trusted certificate authorities") == true)
        }
    }

    @Test func insecureSkipTLSVerify() async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            connection.certificateAuthority = nil
            connection.insecureSkipTLSVerify = true
            let version = try await Emulator.withClient(connection) { try await $0.serverVersion() }
            #expect(version.minor == 31)
        }
    }

    /// NIOSSL also accepts a certificate naming the IP address connected to, as the emulator's
    /// does, so a wrong name cannot be shown to fail here.
    @Test func tlsServerNameIsSentAndTheHostHeaderKept() async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            connection.tlsServerName = "kubernetes.default"
            _ = try await Emulator.withClient(connection) { try await $0.serverVersion() }
            #expect(running.requests.last?.headers["host"] == "127.0.0.1:\(running.server.port)")
        }
    }
}
