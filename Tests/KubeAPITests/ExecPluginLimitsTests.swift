import Foundation
import KubeAPI
import Testing

/// The production runner stops a plugin that hangs or prints without end, and says which.
@Suite(.tags(.medium)) struct ExecPluginLimitsTests {
    let fixture = KubeconfigFixture()
    static let limits = ExecPluginLimits(timeout: .milliseconds(400), outputLimit: 64 * 1024)

    func credential(from body: String) async throws -> (script: String, elapsed: Duration, error: KubeconfigError?) {
        let script = try fixture.write("plugin-\(UUID().uuidString).sh", "#!/bin/sh\n" + body + "\n", executable: true)
        let provider = ExecCredentialProvider(config: ExecPluginConfig(apiVersion: .v1, command: script, interactiveMode: .never),
                                              connection: ProcessPluginRunnerTests.connection, environment: ["PATH": "/usr/bin:/bin"],
                                              runner: ProcessPluginRunner.run, limits: Self.limits)
        let start = ContinuousClock.now
        do {
            _ = try await provider.credential()
            return (script, start.duration(to: .now), nil)
        } catch {
            return (script, start.duration(to: .now), error)
        }
    }

    /// A hang is minutes here; the bounds below leave room for a loaded machine.
    @Test func aPluginThatHangsIsStoppedAtItsTimeout() async throws {
        let pidFile = fixture.path("pid")
        let run = try await credential(from: "echo $$ > \(pidFile)\nexec sleep 300")
        #expect(run.error == .execPluginTimedOut(command: run.script, timeout: .milliseconds(400)))
        #expect(run.elapsed < .seconds(60))
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0, "the plugin was killed")
    }

    /// `sleep` is the shell's child and holds the output open after the shell is killed: the
    /// run must end at the deadline all the same.
    @Test func aChildLeftHoldingTheOutputDoesNotHoldTheRun() async throws {
        let run = try await credential(from: "sleep 120 &\nwait")
        #expect(run.error == .execPluginTimedOut(command: run.script, timeout: .milliseconds(400)))
        #expect(run.elapsed < .seconds(60))
    }

    @Test func aPluginThatClosesItsOutputButDoesNotExitIsStopped() async throws {
        let run = try await credential(from: "exec >&-\nexec sleep 300")
        #expect(run.error == .execPluginTimedOut(command: run.script, timeout: .milliseconds(400)))
        #expect(run.elapsed < .seconds(60))
    }

    @Test func endlessOutputIsCappedAndThePluginStopped() async throws {
        let run = try await credential(from: "exec yes 0123456789abcdef")
        #expect(run.error == .execPluginOutputTooLarge(command: run.script, limit: 64 * 1024))
        #expect(run.elapsed < .seconds(60))
    }

    @Test func messagesNameThePluginAndWhatToDo() {
        #expect(KubeconfigError.execPluginTimedOut(command: "aws", timeout: .seconds(60)).description
            == "error: exec credential plugin 'aws' did not finish within 60s and was stopped; if it waits for you"
            + " (a browser login), set DSLEDGER_EXEC_TIMEOUT to a longer duration such as 5m")
        #expect(KubeconfigError.execPluginTimedOut(command: "aws", timeout: .seconds(90)).description.contains("within 90s"))
        #expect(KubeconfigError.execPluginTimedOut(command: "aws", timeout: .seconds(300)).description.contains("within 5m"))
        #expect(KubeconfigError.execPluginTimedOut(command: "aws", timeout: .milliseconds(250)).description.contains("within 250ms"))
        #expect(KubeconfigError.execPluginOutputTooLarge(command: "aws", limit: 1 << 20).description
            == "error: exec credential plugin 'aws' printed more than 1024 KiB and was stopped; an ExecCredential is a few kilobytes")
    }
}
