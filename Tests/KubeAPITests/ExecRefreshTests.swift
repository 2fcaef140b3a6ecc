import APIServerEmulator
import EmulatorTestSupport
import Foundation
import KubeAPI
import Testing

/// An exec plugin's token is fetched again when it expires and when the server rejects it.
@Suite(.tags(.large)) struct ExecRefreshTests {
    /// A v1 plugin that prints the token and expiry held in two files, and counts its runs.
    static func plugin(_ running: RunningAPIServer) throws -> String {
        let folder = Emulator.folder(running)
        return try Emulator.write(running, "plugin.sh", """
            #!/bin/sh
            echo run >> '\(folder)/runs'
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
            printf '"status":{"token":"%s","expirationTimestamp":"%s"}}' "$(cat '\(folder)/token')" "$(cat '\(folder)/expiry')"
            """, executable: true)
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func runs(_ running: RunningAPIServer) -> Int {
        let text = (try? String(contentsOfFile: Emulator.folder(running) + "/runs", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    @Test func expiredAndRejectedTokensAreFetchedAgain() async throws {
        try await withAPIServer { running in
            var connection = try Emulator.connection(running)
            connection.bearerToken = nil
            connection.exec = ExecPluginConfig(apiVersion: .v1, command: try Self.plugin(running), interactiveMode: .never)
            // No wall-clock race: expiry is either long past or an hour away.
            try Emulator.write(running, "token", running.server.token)
            try Emulator.write(running, "expiry", Self.rfc3339(Date().addingTimeInterval(-60)))
            try await Emulator.withClient(connection) { client in
                // An expired credential is not cached: every request runs the plugin again.
                _ = try await client.serverVersion()
                _ = try await client.serverVersion()
                #expect(Self.runs(running) == 2)

                // A credential valid for an hour is cached: the rotated token is fetched once.
                running.server.acceptTokens(["rotated"])
                try Emulator.write(running, "token", "rotated")
                try Emulator.write(running, "expiry", Self.rfc3339(Date().addingTimeInterval(3600)))
                _ = try await client.serverVersion()
                _ = try await client.serverVersion()
                #expect(Self.runs(running) == 3)

                // Rejection: the server stops accepting a token that has not expired yet.
                running.server.acceptTokens(["third"])
                try Emulator.write(running, "token", "third")
                _ = try await client.serverVersion()
                #expect(Self.runs(running) == 4)
            }
            #expect(running.requests.map(\.responseStatus) == [200, 200, 200, 200, 401, 200])
            #expect(running.requests.compactMap { $0.headers["authorization"] }.suffix(3)
                == ["Bearer rotated", "Bearer rotated", "Bearer third"])
        }
    }
}
