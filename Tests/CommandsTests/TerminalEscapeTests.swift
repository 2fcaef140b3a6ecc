import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// Text from commits, tickets and manifests is printed with its control characters escaped
/// (`\x1b`), so it cannot clear the screen or retitle the terminal; JSON output keeps it exact.
@Suite(.serialized) struct TerminalEscapeTests {
    /// Clear the screen, then set the window's title.
    static let attack = "\u{1B}[2J\u{1B}]0;pwned\u{07}"
    static let shown = "\\x1b[2J\\x1b]0;pwned\\x07"
    /// The same, written in a double-quoted YAML scalar.
    static let inYAML = "\\e[2J\\e]0;pwned\\a"

    static func expectNoRawEscape(_ outputs: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for output in outputs {
            #expect(!output.contains("\u{1B}") && !output.contains("\u{07}"), "a raw control character: \(output.prefix(400))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func commitMessagesAuthorsAndSkippedVersionsFromGitAreEscaped() async throws {
        var repo = try ScriptedRepository()
        try repo.commit("agent.yaml", AgentManifest.yaml(tag: "1.0"), message: "first\(Self.attack)\nbody\(Self.attack)",
                        author: "Mal\(Self.attack)lory <m@example.com>")
        let invalid = try repo.commit("agent.yaml", AgentManifest.yaml(maxUnavailable: "1\(Self.inYAML)"), message: "bad tag")
        let cli = CLIHarness()
        let imported = await cli.run(["import", "git", repo.path("agent.yaml")])
        #expect(imported.code == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("warning: skipped \(invalid.prefix(7))") && imported.stderr.contains(Self.shown),
                "\(imported.stderr)")
        let history = await cli.run(["history", "agent"])
        #expect(history.stdout.contains("first\(Self.shown)"), "\(history.stdout)")
        let blame = await cli.run(["blame", "agent"])
        #expect(blame.stdout.contains("Mal\(Self.shown)lory"), "\(blame.stdout)")
        Self.expectNoRawEscape([imported.stdout, imported.stderr, history.stdout, history.stderr, blame.stdout, blame.stderr])

        let json = await cli.run(["history", "agent", "-o", "json"])
        let revisions = try JSONValue(parsingJSON: json.stdout).arrayValue ?? []
        #expect(revisions.first?["message"]?.stringValue == "first\(Self.attack)\nbody\(Self.attack)", "JSON keeps the text exact")
        #expect(revisions.first?["author"]?.stringValue == "Mal\(Self.attack)lory <m@example.com>")
    }

    @Test func ticketsAndReasonsShownByShowAndHistoryAreEscaped() async throws {
        let cli = CLIHarness()
        let path = TemporaryFolder.make().appendingPathComponent("agent.yaml").path
        try AgentManifest.yaml().write(toFile: path, atomically: true, encoding: .utf8)
        let recorded = await cli.run(["render", "-f", path, "--ticket", "OPS-1\(Self.attack)", "-m", "note\(Self.attack)"])
        #expect(recorded.code == 0, "\(recorded.stderr)")
        let show = await cli.run(["show", "agent", "1"])
        #expect(show.stderr.contains("OPS-1\(Self.shown)"), "\(show.stderr)")
        let history = await cli.run(["history", "agent"])
        #expect(history.stdout.contains("OPS-1\(Self.shown)") && history.stdout.contains("note\(Self.shown)"), "\(history.stdout)")
        Self.expectNoRawEscape([recorded.stderr, show.stderr, history.stdout])
        let json = await cli.run(["history", "agent", "-o", "json"])
        #expect(json.stdout.contains("OPS-1\\u001b[2J"), "JSON escapes it its own way: \(json.stdout)")
    }

    @Test func errorMessagesQuotingAValueAreEscaped() async throws {
        let cli = CLIHarness()
        let path = TemporaryFolder.make().appendingPathComponent("agent.yaml").path
        try AgentManifest.yaml(maxUnavailable: "1\(Self.inYAML)").write(toFile: path, atomically: true, encoding: .utf8)
        let result = await cli.run(["render", "--no-record", "-f", path])
        #expect(result.code == 2)
        #expect(result.stderr.contains(Self.shown), "\(result.stderr)")
        Self.expectNoRawEscape([result.stderr])
    }

    @Test func doctorShowsClusterMessagesAndPodLogsEscaped() async throws {
        try await withAPIServer(nodes: 1) { running in
            let cli = clusterHarness(running)
            let path = try cli.manifest(DoctorManifest.yaml())
            #expect(await cli.run(["apply", "-f", path]).code == 0)
            running.server.scriptPod(node: "node-1", container: DoctorManifest.container,
                                     state: .crashLoop(restarts: 3, previousLog: ["boom\(Self.attack)", "two\rlines"]))
            let human = await cli.run(["doctor", "agent"])
            #expect(human.code == 1)
            #expect(human.stdout.contains("      | boom\(Self.shown)\n      | two\\rlines\n"), "\(human.stdout)")
            Self.expectNoRawEscape([human.stdout, human.stderr])
            let json = await cli.run(["doctor", "agent", "-o", "json"])
            let report = try JSONValue(parsingJSON: json.stdout)
            #expect(report.firstContainer?["previousLog"] == .array([.string("boom\(Self.attack)"), .string("two\rlines")]), "JSON keeps the log exact")
        }
    }
}
