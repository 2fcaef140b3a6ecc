import Foundation
import KubeAPI
import ObjectModel
import Testing

/// Which failures ``KubeClient`` retries, how long it waits, and when it gives up.
@Suite(.tags(.small)) struct RetryTests {
    static let fast = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .milliseconds(300),
                                  maxRetryAfter: .seconds(2), jitter: 0)
    static let ok = KubeResponse(status: 200, json: #"{"kind":"Secret"}"#)

    @Test(arguments: [500, 502, 503, 504])
    func retriesServerErrorsWithDoublingBackoff(code: Int) async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: code), KubeResponse(status: code),
                                                 KubeResponse(status: code), Self.ok])
        let object = try await canned.client(retry: Self.fast).get(.secrets, namespace: "a", name: "b")
        #expect(object == ["kind": "Secret"])
        #expect(canned.requests.count == 4)
        #expect(canned.sleeps == [.milliseconds(100), .milliseconds(200), .milliseconds(300)])
    }

    @Test func honoursRetryAfterUpToTheCap() async throws {
        let tooMany = { (seconds: String) in
            KubeResponse(status: 429, headers: [Header("Retry-After", seconds)],
                         body: Data("Too many requests, please try again later.\n".utf8))
        }
        let canned = CannedTransport(responses: [tooMany("1"), tooMany("30"), Self.ok])
        _ = try await canned.client(retry: Self.fast).get(.secrets, namespace: "a", name: "b")
        #expect(canned.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func reportsThePlainText429AfterTheLastAttempt() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 429, headers: [Header("Retry-After", "1")],
                                                              body: Data("Too many requests, please try again later.\n".utf8))])
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client(retry: Self.fast).get(.secrets, namespace: "a", name: "b")
        }
        #expect(error?.description == "Too many requests, please try again later. (TooManyRequests)")
        #expect(error?.status?.retryAfterSeconds == 1)
        #expect(canned.requests.count == 4)
    }

    @Test(arguments: [400, 403, 404, 409, 422])
    func neverRetriesOtherClientErrors(code: Int) async throws {
        let canned = CannedTransport(responses: [.status(code, reason: "Nope", message: "no")])
        _ = try? await canned.client(retry: Self.fast).apply(KubeClientTests.configMap, fieldManager: "m", force: false, dryRun: false)
        #expect(canned.requests.count == 1)
        #expect(canned.sleeps.isEmpty)
    }

    @Test func retriesDroppedConnectionsThenNamesTheServer() async throws {
        let canned = CannedTransport([.failure(.connectionFailed("connection reset by the server"))])
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client(retry: Self.fast).list(.secrets, namespace: "a")
        }
        #expect(error == .unreachable("cannot reach the API server at https://10.0.0.1:6443:"
            + " connection reset by the server (gave up after 4 attempts)"))
        #expect(canned.requests.count == 4)
    }

    @Test func recoversFromADroppedConnection() async throws {
        let canned = CannedTransport([.failure(.connectionFailed("connection refused")), .success(Self.ok)])
        let object = try await canned.client(retry: Self.fast).get(.secrets, namespace: "a", name: "b")
        #expect(object != nil)
        #expect(canned.requests.count == 2)
    }

    @Test func neverRetriesAnUntrustedServer() async throws {
        var connection = CannedTransport.connection()
        connection.certificateAuthority = Data("pem".utf8)
        connection.certificateAuthorityOrigin = "file '/etc/ca.crt'"
        let canned = CannedTransport([.failure(.untrustedServer("certificate verify failed"))])
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client(connection, retry: Self.fast).get(.secrets, namespace: "a", name: "b")
        }
        #expect(error == .untrustedServer("the API server at https://10.0.0.1:6443 presented a certificate that is not"
            + " trusted: certificate verify failed; it was checked against the certificate authority from file '/etc/ca.crt'"))
        #expect(canned.requests.count == 1)
    }

    @Test func jitterAddsAtMostItsFraction() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(1),
                                 maxRetryAfter: .seconds(1), jitter: 0.5)
        let waits = (0..<50).map { _ in policy.delay(beforeRetry: 2, retryAfterSeconds: nil, random: Double.random(in: 0..<1)) }
        #expect(waits.allSatisfy { $0 >= .milliseconds(200) && $0 < .milliseconds(300) })
    }
}
