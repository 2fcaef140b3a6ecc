import APIServerEmulator
import EmulatorTestSupport
import Foundation
import History
import Ledger
import ObjectModel
import Testing
import TestSupport

/// The audit report's scripted scenario against the emulator, at fixed times and with a fixed
/// ledger key, so its reports are golden files: a server dry run, an apply with ticket and
/// approver, kubectl changing the image, a drift check, an apply of a new version (self-approved),
/// a rollback with a ticket, a failed apply and an interrupted one.
struct ReportScenario {
    /// The fixed clock the commands record with.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_741_000_000) // 2025-03-03T11:06:40Z
        var now: Date { lock.withLock { current } }
        func advance(minutes: Double) { lock.withLock { current = current.addingTimeInterval(minutes * 60) } }
    }

    static let tickets = ["OPS-101", "OPS-102", "OPS-103", "OPS-104"]
    static let authors = ["Lin Ops <lin@example.com>", "Sam Rollback <sam@example.com>"]
    /// The Secret value in the manifests, which no report may show, nor its base64.
    static let secretValues = ["s3cret-one", "s3cret-two"]

    var cli: CLIHarness
    let clock: Clock
    let running: RunningAPIServer

    /// Plays the scenario on `running` and returns it, ready to report.
    static func play(on running: RunningAPIServer) async throws -> ReportScenario {
        var cli = clusterHarness(running)
        let clock = Clock()
        cli.now = { clock.now }
        let folder = (cli.database as NSString).deletingLastPathComponent
        let keyFile = folder + "/ledger.key"
        FileManager.default.createFile(atPath: keyFile, contents: Data((0..<32).map { UInt8($0 * 7 % 251) }),
                                       attributes: [.posixPermissions: 0o600])
        cli.environment["DSLEDGER_HMAC_KEY_FILE"] = keyFile
        cli.environment["DSLEDGER_AUTHOR"] = authors[0]
        running.server.setRolloutPace(.immediate)
        let scenario = ReportScenario(cli: cli, clock: clock, running: running)
        try await scenario.steps()
        return scenario
    }

    private func step(_ arguments: [String], expect code: Int32 = 0, as author: String? = nil) async throws {
        clock.advance(minutes: 17)
        var cli = self.cli
        if let author { cli.environment["DSLEDGER_AUTHOR"] = author }
        let result = await cli.run(arguments)
        #expect(result.code == code, "\(arguments): \(result.stderr)")
    }

    private func steps() async throws {
        let first = try cli.manifest(AgentManifest.yaml(tag: "1.0", token: Self.secretValues[0]), named: "v1.yaml")
        let second = try cli.manifest(AgentManifest.yaml(tag: "1.1", token: Self.secretValues[1], config: "level = debug"), named: "v2.yaml")
        let third = try cli.manifest(AgentManifest.yaml(tag: "1.2", token: Self.secretValues[1]), named: "v3.yaml")
        try await step(["apply", "-f", first, "--dry-run=server", "--ticket", "OPS-101"])
        try await step(["apply", "-f", first, "--ticket", "OPS-101", "--approved-by", "Grace Lead <grace@example.com>",
                        "-m", "Roll out the agent 1.0 | first <b>release</b>"])
        clock.advance(minutes: 45)
        let kubectl = try running.kubectl("set", "image", "-n", "ops", "daemonset/agent", "daemonset-container=registry.example.com/agent:hotfix")
        #expect(kubectl.status == 0, "\(kubectl.stderr)")
        try await step(["drift", "agent"], expect: 1)
        try await step(["apply", "-f", second, "--force-conflicts", "--ticket", "OPS-102", "--approved-by", "lin@example.com",
                        "-m", "Agent 1.1: debug logging `for the incident`"])
        try await step(["rollback", "agent", "1", "--ticket", "OPS-103", "--approved-by", "Grace Lead <grace@example.com>",
                        "--secret", "TOKEN=\(Self.secretValues[0])", "-m", "Back to 1.0: 1.1 floods the logs"], as: Self.authors[1])
        running.server.forbid(["daemonsets"])
        try await step(["apply", "-f", third, "--ticket", "OPS-104", "-m", "Agent 1.2"], expect: 3)
        running.server.forbid([])
        try await interruptedApply()
        clock.advance(minutes: 30)
    }

    /// An apply of the latest revision whose process died after its `started` event: recorded
    /// under the store, as the killed process left it (its lock long expired).
    private func interruptedApply() async throws {
        clock.advance(minutes: 17)
        let store = try SQLiteRevisionStore.open(path: cli.database, create: false)
        let release = ReleaseID(namespace: "ops", name: "agent")
        let applied = try #require(try await store.events(of: release, kinds: [.apply], limit: 1).first)
        let latest = try #require(try await store.revisions(of: release, limit: 1, before: nil).first)
        let key = try #require(SecretKey(bytes: try Data(contentsOf: URL(fileURLWithPath: cli.environment["DSLEDGER_HMAC_KEY_FILE"]!))))
        let started = EventDraft(release: release, kind: .apply, outcome: .started, revision: latest.number, author: Self.authors[0],
                                 createdAt: clock.now, cluster: applied.draft.cluster,
                                 detail: [ApplyOperation.idKey: "8d0c1f7e-0000-4000-8000-000000000001",
                                          ApplyOperation.inProgressUntilKey: .string(Timestamp.format(clock.now.addingTimeInterval(15)))],
                                 change: ChangeRecord(ticket: "OPS-104"))
        try await store.recordEvent(started, chainKey: ChainKey(deriving: key))
        await store.close()
    }

    /// `report` at the scenario's end, in `format`.
    func report(_ format: String, _ extra: [String] = []) async -> CLIHarness.Result {
        await cli.run(["report", "agent", "-o", format] + extra)
    }

    /// The report with what changes from run to run replaced: the ledger's and manifests' paths, the emulator's URL, its own clock
    /// (the times of managedFields), and chain digests (links cover random operation ids).
    func normalized(_ text: String) -> String {
        // Markdown breaks URLs with a zero-width space after the scheme, so renderers make no link.
        var text = text.replacingOccurrences(of: running.url, with: "https://emulator.example:6443")
            .replacingOccurrences(of: running.url.replacingOccurrences(of: "://", with: ":\u{200B}//"), with: "https:\u{200B}//emulator.example:6443")
            .replacingOccurrences(of: cli.database, with: "/var/lib/dsledger/ledger.db")
            .replacingOccurrences(of: (cli.database as NSString).deletingLastPathComponent, with: "/srv/deploy")
        for (pattern, replacement) in [
            (#"20(2[6-9]|[3-9][0-9])-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z| [+-][0-9]{2}:[0-9]{2})?"#, "EMULATOR-TIME"),
            (#""chainDigest"\s*:\s*"[^"]*""#, #""chainDigest": "CHAIN-DIGEST""#),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}
