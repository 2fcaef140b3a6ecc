import APIServerEmulator
import EmulatorTestSupport
import Foundation
import KubeAPI
import Testing

/// Retries against the emulator's injected faults, over real HTTPS.
@Suite(.tags(.large)) struct FaultRetryTests {
    @Test(arguments: [Fault.tooManyRequests(retryAfterSeconds: 1), .internalError, .gatewayTimeout, .dropConnection])
    func recoversFromOneFault(fault: Fault) async throws {
        try await withAPIServer { running in
            running.server.injectFaults([fault])
            let version = try await Emulator.withClient(try Emulator.connection(running)) { try await $0.serverVersion() }
            #expect(version.minor == 31)
            #expect(running.server.pendingFaults == 0)
            #expect(running.requests.count == 2)
            #expect(running.requests.last?.responseStatus == 200)
        }
    }

    @Test func recoversFromEveryFaultInARow() async throws {
        try await withAPIServer { running in
            running.server.injectFaults([.dropConnection, .tooManyRequests(retryAfterSeconds: 1), .gatewayTimeout])
            let items = try await Emulator.withClient(try Emulator.connection(running)) {
                try await $0.list(.configMaps, namespace: "default")
            }
            #expect(items.isEmpty)
            #expect(running.requests.map(\.responseStatus) == [0, 429, 504, 200])
        }
    }

    @Test func reportsTheLastServerErrorWhenRetriesRunOut() async throws {
        try await withAPIServer { running in
            running.server.injectFaults(Array(repeating: .internalError, count: 4))
            let error = await #expect(throws: KubeAPIError.self) {
                try await Emulator.withClient(try Emulator.connection(running)) { try await $0.serverVersion() }
            }
            #expect(error?.description == "Internal error occurred: emulated fault (InternalError)")
            #expect(running.requests.count == 4)
        }
    }

    @Test func reportsTheServerUnreachableWhenEveryConnectionDrops() async throws {
        try await withAPIServer { running in
            running.server.injectFaults(Array(repeating: .dropConnection, count: 4))
            let error = await #expect(throws: KubeAPIError.self) {
                try await Emulator.withClient(try Emulator.connection(running)) { try await $0.serverVersion() }
            }
            guard case .unreachable(let text) = error else {
                Issue.record("expected unreachable, got \(String(describing: error))")
                return
            }
            #expect(text.hasPrefix("cannot reach the API server at \(running.url): "))
            #expect(text.hasSuffix(" (gave up after 4 attempts)"))
            #expect(running.requests.count == 4)
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        var connection = ClusterConnection(source: .inCluster, server: URL(string: "https://127.0.0.1:1")!)
        connection.insecureSkipTLSVerify = true
        let error = await #expect(throws: KubeAPIError.self) {
            try await Emulator.withClient(connection) { try await $0.serverVersion() }
        }
        #expect(error?.description.hasPrefix("cannot reach the API server at https://127.0.0.1:1: ") == true)
    }

    @Test func aRejectedLiteralTokenIsNotRetried() async throws {
        try await withAPIServer { running in
            running.server.injectFaults([.unauthorized])
            let error = await #expect(throws: KubeAPIError.self) {
                try await Emulator.withClient(try Emulator.connection(running)) { try await $0.serverVersion() }
            }
            #expect(error?.description == "Unauthorized (Unauthorized)")
            #expect(running.requests.count == 1)
        }
    }

    @Test func aRejectedTokenFileIsReadAgainAndRetried() async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            let path = try Emulator.write(running, "token", running.server.token)
            connection.bearerToken = BearerTokenSource(token: nil, tokenFile: path, readFile: KubeconfigLoader.readFromDisk)
            running.server.injectFaults([.unauthorized])
            _ = try await Emulator.withClient(connection) { try await $0.serverVersion() }
            #expect(running.requests.map(\.responseStatus) == [401, 200])
        }
    }
}
