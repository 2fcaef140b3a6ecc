import Foundation
@testable import KubeAPI
import Testing

/// The production runner stops a plugin that hangs or prints without end, and says which.
@Suite(.tags(.medium)) struct ExecPluginLimitsTests {
    let fixture = KubeconfigFixture()
    static let limits = ExecPluginLimits(timeout: .milliseconds(400), outputLimit: 64 * 1024)

    func script(_ body: String) throws -> String {
        try fixture.write("plugin-\(UUID().uuidString).sh", "#!/bin/sh\n" + body + "\n", executable: true)
    }

    /// One run, timed on this thread (an `await` could add the wait for a busy test pool).
    func run(_ body: String) throws -> (elapsed: Duration, stopped: ExecPluginStopped?) {
        let invocation = ExecPluginInvocation(command: try script(body), arguments: [], environment: ["PATH": "/usr/bin:/bin"],
                                              passesStandardInput: false, limits: Self.limits)
        let start = ContinuousClock.now
        do {
            _ = try ProcessPluginRunner.runToEnd(invocation.command, invocation)
            return (start.duration(to: .now), nil)
        } catch let stopped as ExecPluginStopped {
            return (start.duration(to: .now), stopped)
        }
    }

    @Test func aPluginThatHangsIsKilledAtItsTimeout() throws {
        let pidFile = fixture.path("pid")
        let run = try run("echo $$ > \(pidFile)\nexec sleep 300")
        #expect(run.stopped == .timedOut(.milliseconds(400)))
        #expect(run.elapsed < .seconds(60))
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0, "the plugin was killed and reaped")
    }

    /// `sleep` is the shell's child and holds the output open after the shell is killed: the
    /// run ends at the deadline all the same.
    @Test func aChildLeftHoldingTheOutputDoesNotHoldTheRun() throws {
        let run = try run("sleep 120 &\nwait")
        #expect(run.stopped == .timedOut(.milliseconds(400)))
        #expect(run.elapsed < .seconds(60))
    }

    @Test func aPluginThatClosesItsOutputButDoesNotExitIsKilled() throws {
        let run = try run("exec >&-\nexec sleep 300")
        #expect(run.stopped == .timedOut(.milliseconds(400)))
        #expect(run.elapsed < .seconds(60))
    }

    @Test func endlessOutputIsCappedAndThePluginKilled() throws {
        let run = try run("exec yes 0123456789abcdef")
        #expect(run.stopped == .outputTooLarge(64 * 1024))
        #expect(run.elapsed < .seconds(60))
    }

    @Test func theProviderNamesThePluginThatWasStopped() async throws {
        let hang = try script("exec sleep 300"), chatty = try script("exec yes")
        for (command, expected) in [(hang, KubeconfigError.execPluginTimedOut(command: hang, timeout: .milliseconds(400))),
                                    (chatty, .execPluginOutputTooLarge(command: chatty, limit: 64 * 1024))] {
            let provider = ExecCredentialProvider(config: ExecPluginConfig(apiVersion: .v1, command: command, interactiveMode: .never),
                                                  connection: ProcessPluginRunnerTests.connection, environment: ["PATH": "/usr/bin:/bin"],
                                                  runner: ProcessPluginRunner.run, limits: Self.limits)
            await #expect(throws: expected) { try await provider.credential() }
        }
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
