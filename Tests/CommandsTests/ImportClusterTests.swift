import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

@Suite(.serialized) struct ImportClusterTests {
    /// `ops/agent` applied three times (1.0, 2.0, 3.0) from one ledger; the import goes to another.
    static func deployThreeTimes(_ running: RunningAPIServer) async throws {
        let deployer = clusterHarness(running)
        for tag in ["1.0", "2.0", "3.0"] {
            let result = await deployer.run(["apply", "-f", try deployer.manifest(AgentManifest.yaml(tag: tag), named: "agent-\(tag).yaml")])
            #expect(result.code == 0, "\(result.stderr)")
        }
    }

    @Test func importsEachControllerRevisionAsAPartialRevisionAndTheLiveDaemonSetLast() async throws {
        try await withAPIServer { running in
            try await Self.deployThreeTimes(running)
            let cli = clusterHarness(running)
            var result = await cli.run(["import", "cluster", "agent", "-n", "ops"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("read ops/agent from context 'emulator-token': 3 ControllerRevisions, imported as revisions 1–3 (revision 3 is the live DaemonSet)\n"))
            #expect(result.stdout.contains("note: a ControllerRevision holds only the DaemonSet's pod template: not its update strategy, labels or annotations, nor the Secrets, ConfigMaps, ServiceAccount or RBAC objects its pods use"))

            result = await cli.run(["history", "agent", "-o", "json"])
            let history = try JSONValue(parsingJSON: result.stdout).arrayValue ?? []
            #expect(history.map { $0["images"]?.arrayValue?.first?.stringValue ?? "" }
                    == ["registry.example.com/agent:3.0", "registry.example.com/agent:2.0", "registry.example.com/agent:1.0"])
            #expect(history.allSatisfy { $0["partial"] == .bool(true) && $0["action"] == "import" })
            #expect(history.allSatisfy { $0["origin"]?.stringValue?.hasPrefix("cluster:agent-") == true })
            #expect(history.map { $0.value(atMemberPath: "strategy.type") } == [.string("RollingUpdate"), .null, .null])

            result = await cli.run(["history", "agent"])
            #expect(result.stdout.contains("import (cluster agent-"))
            #expect(result.stdout.contains("unknown"), "no strategy is invented for a ControllerRevision")

            result = await cli.run(["diff", "agent", "1", "3"])
            #expect(result.code == 1)
            #expect(result.stdout.contains("registry.example.com/agent:1.0 → registry.example.com/agent:3.0"))
            #expect(!result.stdout.contains("updateStrategy"), "revision 1 has no strategy to compare: \(result.stdout)")
            #expect(result.stderr.contains("note: revision 1 was imported from the cluster (from cluster agent-"))
            #expect(result.stderr.contains("its update strategy, Secrets, ConfigMaps, ServiceAccount and RBAC were not recorded"))

            // On a terminal both streams are one: the note comes first and every line ends.
            let binary = try #require(BuiltBinary.url).path
            let merged = try Subprocess.run("/bin/sh", ["-c", "exec \"$0\" diff agent 1 3 2>&1", binary], environment: cli.environment)
            let text = String(decoding: merged.stdout, as: UTF8.self)
            #expect(text.hasPrefix("note: revision 1 was imported from the cluster") && text.hasSuffix("\n"), "\(text)")
            #expect(text.split(separator: "\n").allSatisfy { !$0.contains("note:") || $0.hasPrefix("note:") }, "\(text)")

            result = await cli.run(["show", "agent", "1", "--spec"])
            #expect(result.code == 0 && result.stdout.isEmpty, "\(result.stdout)")
            #expect(result.stderr.hasPrefix("note: ops/agent revision 1 was imported from the ControllerRevision agent-"), "\(result.stderr)")
            #expect(result.stderr.contains("which holds no manifest, so none was recorded; `dsledger show agent 1` prints its objects\n"))

            result = await cli.run(["regenerate", "agent", "1"])
            #expect(result.code == 0)
            #expect(result.stderr.contains("warning: revision 1 was imported from the cluster"))
            #expect(result.stdout.contains("kind: DaemonSet") && !result.stdout.contains("kind: Secret"))
            #expect(!result.stdout.contains("controller-revision-hash") && !result.stdout.contains("$patch"))

            result = await cli.run(["verify"])
            #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func runAgainAddsOnlyControllerRevisionsNotImportedYet() async throws {
        try await withAPIServer { running in
            try await Self.deployThreeTimes(running)
            let cli = clusterHarness(running)
            _ = await cli.run(["import", "cluster", "agent", "-n", "ops"])
            var result = await cli.run(["import", "cluster", "agent", "-n", "ops"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("read ops/agent from context 'emulator-token': 3 ControllerRevisions, nothing new to import; 2 already imported\n"))

            let patch = try running.kubectl("set", "image", "-n", "ops", "daemonset/agent", "daemonset-container=registry.example.com/agent:hotfix")
            #expect(patch.status == 0, "\(patch.stderr)")
            result = await cli.run(["import", "cluster", "agent", "-n", "ops"])
            #expect(result.stdout.hasPrefix("read ops/agent from context 'emulator-token': 4 ControllerRevisions, imported as revision 4 (revision 4 is the live DaemonSet); 3 already imported\n"), "\(result.stdout)")
            result = await cli.run(["history", "agent", "-o", "json"])
            let history = try JSONValue(parsingJSON: result.stdout).arrayValue ?? []
            #expect(history.count == 4)
            #expect(history.first?["images"]?.arrayValue?.first?.stringValue == "registry.example.com/agent:hotfix")
            // The live DaemonSet's managedFields name who changed its pod template last; older
            // ControllerRevisions name nobody.
            #expect(history.map { $0["author"] } == ["kubectl-set (field manager, from the cluster)",
                                                     "dsledger (field manager, from the cluster)", "unknown", "unknown"])
        }
    }

    @Test func aMissingDaemonSetIsAnErrorAndRecordsNothing() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let result = await cli.run(["import", "cluster", "nothing", "-n", "ops"])
            #expect(result.code == 2)
            #expect(result.stderr == "dsledger: error: no DaemonSet ops/nothing in context 'emulator-token'\n")
            #expect(!FileManager.default.fileExists(atPath: cli.database))
        }
    }
}
