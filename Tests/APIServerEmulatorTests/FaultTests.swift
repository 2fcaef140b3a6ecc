@testable import APIServerEmulator
import EmulatorTestSupport
import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Injected faults and the accepted token set, in-process and over the wire.
@Suite struct FaultTests {
    let state = EmulatorState(version: KubernetesVersion(major: 1, minor: 31), token: "secret")

    func send(_ path: String, token: String = "secret") -> EmulatorResponse {
        state.handle(EmulatorRequest(method: "GET", uri: path, headers: ["authorization": "Bearer \(token)"], body: []),
                     hasClientCertificate: false, serverAddress: "127.0.0.1:1")
    }

    func json(_ response: EmulatorResponse) -> JSONValue? {
        try? JSONValue(parsingJSON: String(decoding: response.body, as: UTF8.self))
    }

    @Test func tooManyRequestsSendsRetryAfterAndPlainText() {
        state.injectFaults([.tooManyRequests(retryAfterSeconds: 2)])
        let response = send("/api/v1/namespaces")
        #expect(response.status == 429)
        #expect(response.headers.first { $0.name == "Retry-After" }?.value == "2")
        #expect(String(decoding: response.body, as: UTF8.self) == "Too many requests, please try again later.\n")
        #expect(response.contentType == "text/plain; charset=utf-8")
        #expect(send("/api/v1/namespaces").status == 200)
    }

    @Test func internalErrorAndTimeoutAreStatusObjects() {
        state.injectFaults([.internalError, .gatewayTimeout])
        #expect(state.pendingFaults == 2)
        let failure = send("/version")
        #expect(failure.status == 500)
        #expect(json(failure)?["reason"] == "InternalError")
        #expect(json(failure)?["message"] == "Internal error occurred: emulated fault")
        let timeout = send("/version")
        #expect(timeout.status == 504)
        #expect(json(timeout)?["reason"] == "Timeout")
        #expect(json(timeout)?["code"] == 504)
        #expect(state.pendingFaults == 0)
    }

    @Test func unauthorizedAndDroppedConnectionsAreRecorded() {
        state.injectFaults([.unauthorized, .dropConnection])
        #expect(send("/version").status == 401)
        #expect(send("/version").dropsConnection)
        #expect(state.requests.map(\.responseStatus) == [401, 0])
    }

    @Test func acceptTokensReplacesTheSet() {
        state.acceptTokens(["new"])
        #expect(send("/version", token: "secret").status == 401)
        #expect(send("/version", token: "new").status == 200)
    }

    @Test func faultsAndTokensOverTheWire() async throws {
        try await withAPIServer(nodes: 0) { api in
            api.server.injectFaults([.tooManyRequests(retryAfterSeconds: 1), .dropConnection])
            let limited = try api.curl(api.url + "/version")
            let head = String(decoding: limited.stdout, as: UTF8.self)
            #expect(head.hasPrefix("HTTP/1.1 429"))
            #expect(head.lowercased().contains("retry-after: 1\r\n"))
            let dropped = try api.curl(api.url + "/version")
            #expect(dropped.status == 52, "curl: \(dropped.stderr)")
            #expect(api.server.pendingFaults == 0)
            #expect(api.requests.map(\.responseStatus) == [429, 0])

            api.server.acceptTokens(["rotated"])
            let expired = try api.kubectl("get", "--raw", "/version")
            #expect(expired.status != 0)
            #expect(expired.stderr.contains("Unauthorized"))
            let certificate = try api.kubectl("--context", Kubeconfig.certificateContext, "get", "--raw", "/version")
            #expect(certificate.status == 0, "\(certificate.stderr)")
        }
    }

    @Test func kubectlRetriesAfterTooManyRequests() async throws {
        try await withAPIServer(nodes: 0) { api in
            api.server.injectFaults([.tooManyRequests(retryAfterSeconds: 1)])
            let result = try api.kubectl("get", "--raw", "/api/v1/namespaces")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(api.requests.prefix(2).map(\.responseStatus) == [429, 200])
        }
    }

    @Test(arguments: ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "localhost"])
    func serverCertificateCoversInClusterNames(name: String) async throws {
        try await withAPIServer(nodes: 0) { api in
            let result = try api.curl("--resolve", "\(name):\(api.server.port):127.0.0.1", "https://\(name):\(api.server.port)/version")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(String(decoding: result.stdout, as: UTF8.self).contains("\"gitVersion\":\"v1.31.0\""))
        }
    }
}
