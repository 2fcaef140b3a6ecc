import Foundation
import KubeAPI
import ObjectModel
import Testing

/// Credentials on each request, and the one refresh after a 401 (client-go's behaviour).
@Suite(.tags(.small)) struct RequestCredentialsTests {
    static let ok = KubeResponse(status: 200, json: #"{"kind":"Secret"}"#)
    static let unauthorized = KubeResponse.status(401, reason: "Unauthorized", message: "Unauthorized")

    /// A token file whose reads return `values` in order (the last one repeats).
    static func tokenFile(_ values: [String]) -> BearerTokenSource {
        let remaining = LockedList(values)
        return BearerTokenSource(token: nil, tokenFile: "/var/token", readFile: { _ in Data(remaining.next().utf8) })
    }

    static func execConnection(_ apiVersion: ExecPluginConfig.APIVersion = .v1) -> ClusterConnection {
        var connection = CannedTransport.connection(token: nil)
        connection.exec = ExecPluginConfig(apiVersion: apiVersion, command: "/usr/bin/get-token", interactiveMode: .never)
        return connection
    }

    @Test func rereadsTheTokenFileAfterA401AndRetriesOnce() async throws {
        var connection = CannedTransport.connection(token: nil)
        connection.bearerToken = Self.tokenFile(["old", "new"])
        let canned = CannedTransport(responses: [Self.unauthorized, Self.ok])
        let object = try await canned.client(connection).get(.secrets, namespace: "a", name: "b")
        #expect(object != nil)
        #expect(canned.requests.map { $0.header("Authorization") } == ["Bearer old", "Bearer new"])
    }

    @Test func givesUpAfterASecond401() async throws {
        var connection = CannedTransport.connection(token: nil)
        connection.bearerToken = Self.tokenFile(["old"])
        let canned = CannedTransport(responses: [Self.unauthorized])
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client(connection).get(.secrets, namespace: "a", name: "b")
        }
        #expect(error?.description == "Unauthorized (Unauthorized)")
        #expect(canned.requests.count == 2)
    }

    @Test func aLiteralTokenIsNotRetriedAfterA401() async throws {
        let canned = CannedTransport(responses: [Self.unauthorized])
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client().get(.secrets, namespace: "a", name: "b")
        }
        #expect(error?.status?.code == 401)
        #expect(canned.requests.count == 1)
    }

    @Test func execPluginTokenIsCachedAndFetchedAgainAfterA401() async throws {
        let runner = FakeRunner(json:
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"first"}}"#,
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"second"}}"#)
        let canned = CannedTransport(responses: [Self.ok, Self.unauthorized, Self.ok])
        let client = KubeClient(connection: Self.execConnection(), transport: canned.transport, pluginRunner: runner.run)
        _ = try await client.get(.secrets, namespace: "a", name: "b")
        _ = try await client.get(.secrets, namespace: "a", name: "b")
        #expect(canned.requests.map { $0.header("Authorization") } == ["Bearer first", "Bearer first", "Bearer second"])
        #expect(runner.invocations.count == 2)
    }

    @Test func execPluginCertificateGoesToTheTransport() async throws {
        let runner = FakeRunner(json: #"""
            {"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
             "status":{"clientCertificateData":"CERT","clientKeyData":"KEY"}}
            """#)
        let canned = CannedTransport(responses: [Self.ok])
        let client = KubeClient(connection: Self.execConnection(.v1beta1), transport: canned.transport, pluginRunner: runner.run)
        _ = try await client.get(.secrets, namespace: "a", name: "b")
        let request = try #require(canned.requests.first)
        #expect(request.clientCertificate == ClientCertificate(certificate: Data("CERT".utf8), key: Data("KEY".utf8)))
        #expect(request.header("Authorization") == nil)
    }

    @Test func aFailingPluginIsACredentialsError() async throws {
        let runner = FakeRunner([.success(ExecPluginOutput(exitCode: 3, standardOutput: Data()))])
        let canned = CannedTransport(responses: [Self.ok])
        let client = KubeClient(connection: Self.execConnection(), transport: canned.transport, pluginRunner: runner.run)
        let error = await #expect(throws: KubeAPIError.self) { try await client.get(.secrets, namespace: "a", name: "b") }
        #expect(error == .credentials("exec credential plugin '/usr/bin/get-token' failed with exit code 3;"
            + " see its messages above"))
        #expect(canned.requests.isEmpty)
    }
}

/// Values handed out in order; the last one repeats.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]

    init(_ values: [String]) { self.values = values }

    func next() -> String {
        lock.withLock { values.count > 1 ? values.removeFirst() : values[0] }
    }
}
