import Foundation
import ObjectModel
import Testing
import TestSupport

/// `doctor NAME --nodes FILE`: the latest recorded revision against saved nodes, no cluster.
@Suite struct DoctorOfflineTests {
    static let nodes = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Node
          metadata: {name: ssd-1, labels: {disk: ssd}}
          status:
            allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
            conditions: [{type: Ready, status: "True"}]
        - apiVersion: v1
          kind: Node
          metadata: {name: ssd-small, labels: {disk: ssd}}
          status:
            allocatable: {cpu: 250m, memory: 8Gi, pods: "110"}
            conditions: [{type: Ready, status: "True"}]
        - apiVersion: v1
          kind: Node
          metadata: {name: hdd-1, labels: {disk: hdd}}
          spec:
            taints: [{key: dedicated, value: db, effect: NoExecute}]
          status:
            allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
            conditions: [{type: Ready, status: "True"}]
        """

    func recorded(_ manifest: String) async throws -> CLIHarness {
        var cli = CLIHarness()
        cli.files["/nodes.yaml"] = Self.nodes
        let result = await cli.run(["render", "-f", try cli.manifest(manifest)])
        #expect(result.code == 0, "\(result.stderr)")
        return cli
    }

    @Test func showsWhereTheRecordedRevisionWouldLand() async throws {
        let cli = try await recorded(DoctorManifest.yaml(extra: "  node_selector:\n    disk: ssd"))
        let result = await cli.run(["doctor", "agent", "--nodes", "/nodes.yaml", "-o", "json"])
        #expect(result.code == 1)
        #expect(result.stderr.contains("checking ops/agent revision 1 against 3 node(s) from /nodes.yaml"))
        let report = try JSONValue(parsingJSON: result.stdout)
        #expect(report["live"] == false && report["rollout"] == nil)
        #expect(report.node("ssd-1")?["outcome"] == "runs")
        #expect(report.node("ssd-small")?.reasonMessages == ["insufficient cpu: the pod requests 500m, the node has 250m allocatable and its other pods request 0"])
        #expect(report.node("hdd-1")?.reasonMessages == [
            "node selector disk=ssd: the node's label is disk=hdd",
            "taint dedicated=db:NoExecute is not tolerated (key 'dedicated', value 'db', effect NoExecute)",
        ])
    }

    @Test func exitsZeroWhenEveryNodeItLandsOnCanRunIt() async throws {
        let cli = try await recorded(DoctorManifest.yaml(extra: "  node_selector:\n    disk: ssd"))
        var small = cli
        small.files["/nodes.yaml"] = Self.nodes.replacingOccurrences(of: "cpu: 250m", with: "cpu: \"1\"")
        let result = await small.run(["doctor", "agent", "--nodes", "/nodes.yaml"])
        #expect(result.code == 0, "\(result.stdout)")
        #expect(result.stdout.contains("would land on 2 of 3 node(s); 2 can run it"))
    }

    @Test func aReleaseNotInTheLedgerIsAnError() async throws {
        let cli = try await recorded(DoctorManifest.yaml())
        let result = await cli.run(["doctor", "other", "--nodes", "/nodes.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("no release named 'other'"))
    }
}
