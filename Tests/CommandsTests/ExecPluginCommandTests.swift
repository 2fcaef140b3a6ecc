import EmulatorTestSupport
import Foundation
import Testing
import TestSupport

/// Exec credential plugins run by the built binary against the emulator: the terminal given to
/// an interactive plugin, and `DSLEDGER_EXEC_TIMEOUT`.
@Suite struct ExecPluginCommandTests {
    /// A kubeconfig whose user runs `plugin.sh` (which notes whether its standard input is a
    /// terminal in `stdin.txt`, then runs `extra` and prints the emulator's token).
    static func kubeconfig(_ running: RunningAPIServer, mode: String, extra: String = "") throws -> String {
        let plugin = running.folder + "/plugin.sh"
        try Data("""
            #!/bin/sh
            if [ -t 0 ]; then echo terminal > \(running.folder)/stdin.txt; else echo none > \(running.folder)/stdin.txt; fi
            \(extra)
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "\(running.server.token)"
            """.utf8).write(to: URL(fileURLWithPath: plugin))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        let path = running.folder + "/exec-kubeconfig"
        try Data("""
            apiVersion: v1
            kind: Config
            clusters: [{name: emulator, cluster: {server: "\(running.url)", certificate-authority: ca.crt}}]
            users: [{name: plugin, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: \(mode)}}}]
            contexts: [{name: exec, context: {cluster: emulator, user: plugin}}]
            current-context: exec
            """.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A command that authenticates, then fails in its own words: the DaemonSet does not exist.
    static let arguments = ["import", "cluster", "nothing", "-n", "ops"]
    static let authenticated = "dsledger: error: no DaemonSet ops/nothing in context 'exec'"

    func stdinSeen(_ running: RunningAPIServer) throws -> String {
        try String(contentsOfFile: running.folder + "/stdin.txt", encoding: .utf8).trimmingCharacters(in: .newlines)
    }

    @Test func alwaysWithoutATerminalIsAClearError() async throws {
        try await withAPIServer { running in
            let config = try Self.kubeconfig(running, mode: "Always")
            let result = try BuiltBinary.run(Self.arguments + ["--kubeconfig", config])
            #expect(result.code == 2)
            #expect(result.stderr.contains("exec credential plugin '\(running.folder)/plugin.sh' has interactiveMode 'Always' but standard input is not a terminal"), "\(result.stderr)")
        }
    }

    @Test(arguments: ["Never", "IfAvailable"])
    func withoutATerminalThePluginGetsNoStandardInput(mode: String) async throws {
        try await withAPIServer { running in
            let config = try Self.kubeconfig(running, mode: mode)
            let result = try BuiltBinary.run(Self.arguments + ["--kubeconfig", config])
            #expect(result.stderr.hasPrefix(Self.authenticated), "\(result.stderr)")
            #expect(try stdinSeen(running) == "none")
        }
    }

    /// `script` runs dsledger on a pseudo-terminal: `Always` and `IfAvailable` hand it over,
    /// `Never` does not.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1)"),
          arguments: [("Always", "terminal"), ("IfAvailable", "terminal"), ("Never", "none")])
    func onATerminalAnInteractivePluginGetsIt(mode: String, seen: String) async throws {
        try await withAPIServer { running in
            let config = try Self.kubeconfig(running, mode: mode)
            let binary = try #require(BuiltBinary.url).path
            let command = ([binary] + Self.arguments + ["--kubeconfig", config]).map { "'\($0)'" }.joined(separator: " ")
            let run = try Subprocess.run("/usr/bin/script", ["-qec", command, "/dev/null"],
                                         environment: ["PATH": "/usr/bin:/bin", "DSLEDGER_DB": running.folder + "/ledger.db"])
            #expect(String(decoding: run.stdout, as: UTF8.self).contains(Self.authenticated), "\(run.stderr)")
            #expect(try stdinSeen(running) == seen)
        }
    }

    @Test func aPluginThatHangsIsStoppedAfterDSLEDGER_EXEC_TIMEOUT() async throws {
        try await withAPIServer { running in
            let config = try Self.kubeconfig(running, mode: "Never", extra: "exec sleep 30")
            let start = ContinuousClock.now
            let result = try BuiltBinary.run(Self.arguments + ["--kubeconfig", config], environment: ["DSLEDGER_EXEC_TIMEOUT": "500ms"])
            #expect(start.duration(to: .now) < .seconds(10))
            #expect(result.code == 2)
            #expect(result.stderr.hasPrefix("dsledger: error: exec credential plugin '\(running.folder)/plugin.sh' did not finish within 500ms and was stopped"),
                    "\(result.stderr)")
        }
    }

    @Test func anInvalidDSLEDGER_EXEC_TIMEOUTIsRefused() async throws {
        try await withAPIServer { running in
            let config = try Self.kubeconfig(running, mode: "Never")
            let result = try BuiltBinary.run(Self.arguments + ["--kubeconfig", config], environment: ["DSLEDGER_EXEC_TIMEOUT": "soon"])
            #expect(result.code == 2)
            #expect(result.stderr == "dsledger: error: DSLEDGER_EXEC_TIMEOUT: invalid duration 'soon'; use a duration such as 90s, 5m or 1h\n")
        }
    }
}
