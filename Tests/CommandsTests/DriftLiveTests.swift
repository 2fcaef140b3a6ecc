import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// `drift NAME` and `drift --all` against the emulator over HTTPS.
@Suite struct DriftLiveTests {
    static let examples = [
        "daemonset-log-collector-fluent-bit", "daemonset-network-plugin-flannel", "daemonset-network-plugin-flannel-host-network",
        "daemonset-node-monitoring-node-exporter", "daemonset-security-agent-falco", "daemonset-storage-local-volume-provisioner",
    ]

    @Test(arguments: ["1.28", "1.33"])
    func aFreshApplyOfEveryExampleShowsNoDrift(version: String) async throws {
        try await withAPIServer(version: version) { running in
            let cli = clusterHarness(running)
            // node_exporter's manifest does not create its namespace.
            try running.createNamespace("monitoring")
            for example in Self.examples {
                let applied = await cli.run(["apply", "-f", CLIHarness.example(example)])
                #expect(applied.code == 0, "\(example): \(applied.stderr)")
            }
            let result = await cli.run(["drift", "--all", "-o", "json"])
            #expect(result.code == 0, "\(version): \(result.stdout)")
            let reports = try JSONValue(parsingJSON: result.stdout).arrayValue ?? []
            // Both flannel examples are revisions of one release, kube-flannel/kube-flannel.
            #expect(reports.count == Self.examples.count - 1)
            #expect(reports.allSatisfy { $0["items"] == [] })
        }
    }

    /// The items of `drift agent -o json`, by change and path.
    static func items(_ cli: CLIHarness) async throws -> (code: Int32, items: [JSONValue]) {
        let result = await cli.run(["drift", "agent", "-o", "json"])
        return (result.code, try JSONValue(parsingJSON: result.stdout)["items"]?.arrayValue ?? [])
    }

    static func item(_ items: [JSONValue], _ change: String, pathContaining fragment: String) -> JSONValue? {
        items.first { $0["change"]?.stringValue == change && ($0["path"]?.stringValue ?? "").contains(fragment) }
    }

    @Test func eachChangeByAnotherWriterIsFoundClassifiedAndAttributed() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            #expect(try await Self.items(cli) == (0, []))

            func kubectl(_ arguments: String...) throws {
                let result = try running.kubectl(arguments: arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
            try kubectl("set", "image", "-n", "ops", "daemonset/agent", "daemonset-container=registry.example.com/agent:hotfix")
            try kubectl("patch", "-n", "ops", "daemonset/agent", "-p", #"{"spec":{"template":{"spec":{"hostNetwork":true}}}}"#)
            try kubectl("patch", "-n", "ops", "daemonset/agent", "-p",
                        #"{"spec":{"template":{"spec":{"containers":[{"name":"miner","image":"evil:1"}]}}}}"#)
            try kubectl("patch", "-n", "ops", "daemonset/agent", "-p", #"{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":3}}}}"#)
            try kubectl("patch", "-n", "ops", "secret/agent-env-secrets", "-p",
                        #"{"data":{"TOKEN":"\#(Data("stolen".utf8).base64EncodedString())"}}"#)
            try kubectl("delete", "-n", "ops", "configmap/agent-config")

            let (code, items) = try await Self.items(cli)
            #expect(code == 1)
            let image = Self.item(items, "changed", pathContaining: "image")
            #expect(image?["live"] == "registry.example.com/agent:hotfix")
            #expect(image?["manager"] == "kubectl-set" && image?["operation"] == "Update")
            #expect(Self.item(items, "added", pathContaining: "hostNetwork")?["manager"] == "kubectl-patch")
            #expect(Self.item(items, "added", pathContaining: "containers[name=miner]") != nil)
            #expect(Self.item(items, "changed", pathContaining: "maxUnavailable")?["live"] == 3)
            let secret = Self.item(items, "secretChanged", pathContaining: "TOKEN")
            #expect(secret?["live"]?.stringValue?.hasPrefix("sha256:") == true)
            #expect(items.contains { $0["change"] == "removed" && ($0["object"]?.stringValue ?? "").hasSuffix("ConfigMap/ops/agent-config") })
            let human = await cli.run(["drift", "agent"])
            #expect(human.code == 1)
            #expect(human.stdout.contains("by kubectl-set (Update) at "))
            #expect(!human.stdout.contains("stolen") && !human.stdout.contains(Data("stolen".utf8).base64EncodedString()))
            #expect(!human.stdout.contains("s3cret-one"))
            let events = try Subprocess.run("/usr/bin/sqlite3", ["-cmd", ".timeout 5000", cli.database, "SELECT outcome FROM event WHERE kind = 'drift' ORDER BY id;"])
            #expect(String(decoding: events.stdout, as: UTF8.self) == "clean\ndrifted\ndrifted\n")
        }
    }

    @Test func aLiveDaemonSetNamingAnotherRevisionIsSaidFirst() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            var other = clusterHarness(running)
            other.environment["DSLEDGER_DB"] = TemporaryFolder.make().appendingPathComponent("other.db").path
            _ = await other.run(["render", "-f", try cli.manifest(AgentManifest.yaml(tag: "0.9"), named: "old.yaml")])
            #expect(await other.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml")]).code == 0)
            let result = await cli.run(["drift", "agent"])
            #expect(result.code == 1)
            #expect(result.stdout.hasPrefix("live DaemonSet says revision 2, the store's last applied is 1\n"))
        }
    }

    @Test func driftAllListsOncePerKindAndSummarises() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            #expect(await cli.run(["apply", "-f", CLIHarness.example("daemonset-log-collector-fluent-bit")]).code == 0)
            _ = try running.kubectl("set", "image", "-n", "ops", "daemonset/agent", "daemonset-container=x:1")
            let before = running.requests.count
            var unnamed = cli
            unnamed.environment["DSLEDGER_AUTHOR"] = nil
            let result = await unnamed.run(["drift", "--all"])
            #expect(result.code == 1)
            #expect(result.stdout.hasPrefix("RELEASE"))
            #expect(result.stdout.contains("ops/agent"))
            #expect(result.stdout.contains("drifted"))
            #expect(result.stdout.contains("clean"))
            let requests = running.requests.dropFirst(before)
            #expect(requests.allSatisfy { $0.method == "GET" })
            #expect(Set(requests.map(\.path)).count == requests.count, "one LIST per kind: \(requests.map(\.path))")
            #expect(requests.filter { $0.path.hasSuffix("/daemonsets") }.count == 1, "\(requests.map(\.path))")
        }
    }

    @Test func aReleaseNeverAppliedHereIsAClearError() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            _ = await cli.run(["render", "-f", try cli.manifest(AgentManifest.yaml())])
            let result = await cli.run(["drift", "agent"])
            #expect(result.code == 2)
            #expect(result.stderr == "dsledger: error: ops/agent was never applied to context 'emulator-token'; apply it first, or compare a saved object with --live FILE\n")
        }
    }
}
