import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import PostgresTestSupport
import Testing
import TestSupport

/// `--ticket`, `--approved-by`, their environment defaults, the `require-ticket` policy and
/// `--emergency`, as users and CI pipelines meet them.
@Suite(.serialized) struct ChangeRecordCommandTests {
    static func harness() -> CLIHarness {
        var cli = CLIHarness()
        cli.files["agent.yaml"] = RenderCommandTests.minimal
        cli.files["agent-2.yaml"] = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"2.0\"")
        return cli
    }

    static func history(_ cli: CLIHarness, _ name: String = "agent") async throws -> [JSONValue] {
        let result = await cli.run(["history", name, "-o", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        return try JSONValue(parsingJSON: result.stdout).arrayValue ?? []
    }

    @Test func renderRecordsTicketAndApproversAndFlagsASelfApproval() async throws {
        let cli = Self.harness()
        var result = await cli.run(["render", "-f", "agent.yaml", "--ticket", "OPS-12", "--approved-by", "bob",
                                    "--approved-by", "Test@Example.com"])
        #expect(result.code == 0, "\(result.stderr)")
        let item = try #require(try await Self.history(cli).first)
        #expect(item["ticket"] == "OPS-12")
        #expect(item["approvedBy"] == ["bob", "Test@Example.com"])
        #expect(item["emergency"] == .null)
        #expect(item["selfApproved"] == .bool(true), "the author is test <test@example.com>")
        result = await cli.run(["history", "agent"])
        #expect(result.stdout.contains("CHANGE RECORD"))
        #expect(result.stdout.contains("OPS-12; approved by bob, Test@Example.com; self-approved"))
        result = await cli.run(["show", "agent", "latest"])
        #expect(result.code == 0 && result.stderr.contains("# agents/agent revision 1: OPS-12; approved by bob, Test@Example.com; self-approved"))
        #expect(!result.stdout.contains("OPS-12"), "standard output stays the objects alone")
    }

    @Test func theEnvironmentGivesDefaultsAndFlagsWin() async throws {
        var cli = Self.harness()
        cli.environment["DSLEDGER_TICKET"] = "CI-7"
        cli.environment["DSLEDGER_APPROVED_BY"] = "bob, carol ,,"
        _ = await cli.run(["render", "-f", "agent.yaml"])
        _ = await cli.run(["render", "-f", "agent-2.yaml", "--ticket", "OPS-9", "--approved-by", "dan"])
        let history = try await Self.history(cli)
        #expect(history.map { $0["ticket"] } == ["OPS-9", "CI-7"])
        #expect(history.map { $0["approvedBy"] } == [["dan"], ["bob", "carol"]])
        #expect(history.allSatisfy { $0["selfApproved"] == .bool(false) })
    }

    @Test func aRevisionWithoutARecordShowsNoColumnAndEmptyFields() async throws {
        let cli = Self.harness()
        _ = await cli.run(["render", "-f", "agent.yaml"])
        let item = try #require(try await Self.history(cli).first)
        #expect(item["ticket"] == .null && item["approvedBy"] == [] && item["selfApproved"] == .bool(false))
        #expect(!(await cli.run(["history", "agent"])).stdout.contains("CHANGE RECORD"))
        // No change-record line; only the lint findings recorded with the revision.
        let shown = await cli.run(["show", "agent", "latest"])
        #expect(!shown.stderr.isEmpty && shown.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("# agents/agent revision 1 lint: ") })
    }

    @Test func thePolicyIsStoredInTheLedgerAndShown() async throws {
        let cli = Self.harness()
        _ = await cli.run(["render", "-f", "agent.yaml"])
        var result = await cli.run(["policy", "show", "-o", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try JSONValue(parsingJSON: result.stdout) == ["requireTicket": false, "setBy": .null, "setAt": .null])
        result = await cli.run(["policy", "set", "require-ticket", "true"])
        #expect(result.code == 0, "\(result.stderr)")
        let shown = try JSONValue(parsingJSON: (await cli.run(["policy", "show", "-o", "json"])).stdout)
        #expect(shown["requireTicket"] == .bool(true) && shown["setBy"] == "test <test@example.com>")
        #expect((await cli.run(["policy", "show"])).stdout.contains("require-ticket   true"))
        #expect((await cli.run(["policy", "set", "require-ticket", "maybe"])).code == 2)
        // The policy's chain verifies with the rest of the ledger, and is no release a name finds.
        #expect((await cli.run(["verify"])).code == 0)
        #expect((await cli.run(["history", "policy"])).code == 2)
        // A render only records: it is never refused.
        result = await cli.run(["render", "-f", "agent-2.yaml"])
        #expect(result.code == 0, "\(result.stderr)")
    }

    @Test func anApplyWithoutATicketIsRefusedUnlessItIsAnEmergency() async throws {
        try await withAPIServer { running in
            var cli = clusterHarness(running)
            let manifest = try cli.manifest(AgentManifest.yaml())
            #expect((await cli.run(["policy", "set", "require-ticket", "true"])).code == 0)
            var result = await cli.run(["apply", "-f", manifest])
            #expect(result.code == 2)
            #expect(result.stderr.contains("policy 'require-ticket' is on") && result.stderr.contains("--emergency REASON"), "\(result.stderr)")
            #expect(running.agent == nil, "nothing applied")
            #expect((await cli.run(["history", "agent"])).code == 2, "nothing recorded")
            // A server dry run changes nothing, so it is not refused.
            #expect((await cli.run(["apply", "-f", manifest, "--dry-run=server"])).code == 0)

            result = await cli.run(["apply", "-f", manifest, "--emergency", "node agents crash-looping", "--approved-by", "bob"])
            #expect(result.code == 0, "\(result.stderr)")
            var item = try #require(try await Self.history(cli).first)
            #expect(item["emergency"] == "node agents crash-looping" && item["ticket"] == .null && item["approvedBy"] == ["bob"])

            // An apply of the latest revision records no revision: its events keep the record.
            cli.environment["DSLEDGER_TICKET"] = "OPS-44"
            result = await cli.run(["apply", "-f", manifest])
            #expect(result.code == 0, "\(result.stderr)")
            let history = try await Self.history(cli)
            item = try #require(history.first)
            #expect(history.count == 1 && item["ticket"] == .null)
            #expect(item.value(atMemberPath: "cluster.ticket") == "OPS-44")
            #expect(item.value(atMemberPath: "cluster.emergency") == .null)
            #expect((await cli.run(["history", "agent"])).stdout.contains("node agents crash-looping"))
            #expect((await cli.run(["verify"])).code == 0)
        }
    }

    @Test func aRollbackWithoutATicketIsRefusedAndOneWithATicketRecordsIt() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let first = try cli.manifest(AgentManifest.yaml())
            _ = await cli.run(["apply", "-f", first])
            _ = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml")])
            _ = await cli.run(["policy", "set", "require-ticket", "true"])
            var result = await cli.run(["rollback", "agent", "1", "--secrets-from", first])
            #expect(result.code == 2 && result.stderr.contains("rollback of ops/agent refused"), "\(result.stderr)")
            #expect(running.agentImage == "registry.example.com/agent:2.0")
            result = await cli.run(["rollback", "agent", "1", "--secrets-from", first, "--ticket", "INC-3", "--approved-by", "test@example.com"])
            #expect(result.code == 0, "\(result.stderr)")
            let item = try #require(try await Self.history(cli).first)
            #expect(item["action"] == "rollback" && item["ticket"] == "INC-3" && item["selfApproved"] == .bool(true))
        }
    }

    @Test func theRefusalExitsTwoFromTheBuiltBinary() throws {
        let folder = TemporaryFolder.make()
        let kubeconfig = try BuiltBinaryTests.unreachableKubeconfig(in: folder)
        let environment = ["KUBECONFIG": kubeconfig, "DSLEDGER_DB": folder.appendingPathComponent("ledger.db").path,
                           "DSLEDGER_AUTHOR": "ci"]
        let example = "examples/daemonset-node-monitoring-node-exporter.yaml"
        #expect(try BuiltBinary.run(["policy", "set", "require-ticket", "true"], environment: environment).code == 0)
        let refused = try BuiltBinary.run(["apply", "-f", example], environment: environment)
        #expect(refused.code == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("require-ticket"))
        // With a ticket from the environment it goes on to the (unreachable) cluster: exit 3.
        let tried = try BuiltBinary.run(["apply", "-f", example], environment: environment.merging(["DSLEDGER_TICKET": "OPS-1"]) { $1 })
        #expect(tried.code == 3, "\(tried.stderr)")
    }

    /// `ledger copy` carries the change records and the policy's chain to a team ledger, where
    /// the policy is obeyed.
    @Test func aCopyToATeamLedgerCarriesRecordsAndThePolicy() throws {
        let (server, database, _, file, url, local) = try LedgerCopyTests.fileAndTeamLedger()
        let render = try BuiltBinary.run(["render", "-f", "-", "--ticket", "OPS-5", "--approved-by", "bob"],
                                         stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: local)
        #expect(render.code == 0, "\(render.stderr)")
        #expect(try BuiltBinary.run(["policy", "set", "require-ticket", "true"], environment: local).code == 0)
        let copy = try BuiltBinary.run(["ledger", "copy", "--from", file, "--to", url], environment: local)
        #expect(copy.code == 0, "\(copy.stderr)")
        var teamWriter = local
        teamWriter["DSLEDGER_DB"] = url
        let history = try BuiltBinary.run(["history", "agent", "-o", "json"], environment: teamWriter)
        let item = try #require(try JSONValue(parsingJSON: String(decoding: history.stdout, as: UTF8.self)).arrayValue?.first)
        #expect(item["ticket"] == "OPS-5" && item["approvedBy"] == ["bob"])
        let policy = try BuiltBinary.run(["policy", "show", "-o", "json"], environment: teamWriter)
        #expect(try JSONValue(parsingJSON: String(decoding: policy.stdout, as: UTF8.self))["requireTicket"] == .bool(true))
        #expect(try BuiltBinary.run(["verify"], environment: teamWriter).code == 0)
        #expect(try server.psql("SELECT ticket FROM revision", database: database) == "OPS-5")
    }
}
