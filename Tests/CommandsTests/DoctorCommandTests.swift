import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// A manifest for `doctor` scenarios: requests, a secret env var, a host-path mount and a
/// non-root security context.
enum DoctorManifest {
    static let container = "daemonset-container"

    static func yaml(tag: String = "1.0", extra: String = "") -> String {
        """
        apiVersion: kubernetes.project-planton.org/v1
        kind: KubernetesDaemonSet
        metadata:
          name: agent
        spec:
          namespace:
            value: ops
          create_namespace: true
          container:
            app:
              image:
                repo: registry.example.com/agent
                tag: "\(tag)"
              resources:
                requests:
                  cpu: 500m
                  memory: 64Mi
              env:
                secrets:
                  TOKEN:
                    value: s3cret-one
              volume_mounts:
                - name: state
                  mount_path: /var/lib/agent
                  host_path:
                    path: /var/lib/agent
                    type: DirectoryOrCreate
              security_context:
                run_as_user: 1000
                run_as_non_root: true
        \(extra)
        """
    }
}

/// Runs `doctor agent -o json` and returns the exit code and the parsed report.
func doctor(_ cli: CLIHarness, _ more: [String] = []) async throws -> (code: Int32, report: JSONValue, stderr: String) {
    let result = await cli.run(["doctor", "agent", "-n", "ops", "-o", "json"] + more)
    let report = result.stdout.isEmpty ? JSONValue.null : try JSONValue(parsingJSON: result.stdout)
    return (result.code, report, result.stderr)
}

extension JSONValue {
    /// The node verdict named `name` of a doctor report.
    func node(_ name: String) -> JSONValue? { self["nodes"]?.arrayValue?.first { $0["node"]?.stringValue == name } }
    /// The reason messages of a node verdict, notes included.
    var reasonMessages: [String] {
        ((self["reasons"]?.arrayValue ?? []) + (self["notes"]?.arrayValue ?? [])).compactMap { $0["message"]?.stringValue }
    }
    /// The first not-ready container of a doctor report.
    var firstContainer: JSONValue? { self["pods"]?.arrayValue?.first?["containers"]?.arrayValue?.first }
}

/// `doctor` against the emulator: placement causes, one scenario each.
@Suite struct DoctorCommandTests {
    func applied(_ running: RunningAPIServer, _ manifest: String = DoctorManifest.yaml()) async throws -> CLIHarness {
        let cli = clusterHarness(running)
        let result = await cli.run(["apply", "-f", try cli.manifest(manifest)])
        #expect(result.code == 0, "\(result.stderr)")
        return cli
    }

    @Test func aHealthyDaemonSetExitsZeroWithItsEvents() async throws {
        try await withAPIServer { running in
            let cli = try await applied(running)
            let (code, report, _) = try await doctor(cli)
            #expect(code == 0)
            #expect(report["healthy"] == true)
            #expect(report["nodes"]?.arrayValue?.allSatisfy { $0["outcome"] == "runs" && $0["pod"]?.stringValue?.hasPrefix("agent-") == true } == true)
            #expect(report["rollout"]?["expected"] == 3 && report["rollout"]?["ready"] == 3)
            let reasons = report["events"]?.arrayValue?.compactMap { $0["reason"]?.stringValue } ?? []
            #expect(reasons.contains("SuccessfulCreate") && reasons.contains("Scheduled") && reasons.contains("Started"))
            let human = await cli.run(["doctor", "agent"])
            #expect(human.code == 0)
            #expect(human.stdout.contains("DaemonSet ops/agent: healthy: 3 of 3 expected pod(s) ready"))
            #expect(!human.stdout.contains("s3cret-one"))
        }
    }

    @Test func aNodeSelectorThatMatchesNoNodeNamesTheLabel() async throws {
        try await withAPIServer(nodes: 1) { running in
            running.server.putNode(["metadata": ["name": "hdd-1", "labels": ["disk": "hdd"]]])
            let cli = try await applied(running, DoctorManifest.yaml(extra: "  node_selector:\n    disk: ssd"))
            let (code, report, _) = try await doctor(cli)
            #expect(code == 1)
            #expect(report.node("node-1")?["outcome"] == "excluded")
            #expect(report.node("node-1")?.reasonMessages == ["node selector disk=ssd: the node has no label 'disk'"])
            #expect(report.node("hdd-1")?.reasonMessages == ["node selector disk=ssd: the node's label is disk=hdd"])
            #expect(report.node("hdd-1")?["reasons"]?.arrayValue?.first?["code"] == "nodeSelector")
        }
    }

    @Test func anUntoleratedTaintIsNamedWithKeyValueAndEffect() async throws {
        try await withAPIServer(nodes: 2) { running in
            running.server.putNode(["metadata": ["name": "gpu-1", "labels": ["gpu": "true"]],
                                    "spec": ["taints": [["key": "gpu", "value": "true", "effect": "NoSchedule"]]]])
            let cli = try await applied(running)
            let (code, report, _) = try await doctor(cli)
            // A node the DaemonSet is kept off by design is not a failure.
            #expect(code == 0)
            #expect(report.node("gpu-1")?["outcome"] == "excluded")
            #expect(report.node("gpu-1")?.reasonMessages == ["taint gpu=true:NoSchedule is not tolerated (key 'gpu', value 'true', effect NoSchedule)"])
            #expect(report["rollout"]?["desired"] == 2 && report["rollout"]?["expected"] == 2)
        }
    }

    @Test func requestsLargerThanWhatOtherPodsLeaveKeepThePodPending() async throws {
        try await withAPIServer { running in
            running.server.putPod(name: "hog", namespace: "default", node: "node-2", requests: ["cpu": "1800m"])
            let cli = try await applied(running)
            let (code, report, _) = try await doctor(cli)
            #expect(code == 1)
            #expect(report.node("node-2")?["outcome"] == "blocked")
            #expect(report.node("node-2")?.reasonMessages == ["insufficient cpu: the pod requests 500m, the node has 2 allocatable and its other pods request 1800m"])
            #expect(report.node("node-1")?["outcome"] == "runs")
            let pod = report["pods"]?.arrayValue?.first
            #expect(pod?["phase"] == "Pending" && pod?["node"] == "node-2")
            #expect(pod?["conditions"]?.arrayValue?.first?.stringValue?.hasPrefix("PodScheduled: Unschedulable: 0/3 nodes are available: 1 Insufficient cpu") == true)
            #expect(report["events"]?.arrayValue?.contains { $0["reason"] == "FailedScheduling" } == true)
        }
    }

    @Test func aNotReadyNodeBlocksAndACordonedOneIsOnlyNoted() async throws {
        try await withAPIServer(nodes: 1) { running in
            try running.server.putNodes(fromText: """
                - metadata: {name: sick}
                  status:
                    conditions:
                      - {type: Ready, status: "False", reason: KubeletNotReady, message: container runtime is down}
                - metadata: {name: drained}
                  spec: {unschedulable: true}
                """)
            let cli = try await applied(running)
            let (code, report, _) = try await doctor(cli)
            #expect(code == 1)
            #expect(report.node("sick")?["outcome"] == "blocked")
            #expect(report.node("sick")?.reasonMessages == ["node not ready (Ready=False, KubeletNotReady: container runtime is down)"])
            #expect(report.node("drained")?["outcome"] == "runs")
            #expect(report.node("drained")?["notes"]?.arrayValue?.first?["code"] == "cordoned")
            #expect(report["rollout"]?["unavailable"] == 1)
        }
    }

    @Test func aStuckRolloutIsReportedAtMaxUnavailable() async throws {
        try await withAPIServer { running in
            let cli = try await applied(running)
            running.server.setRolloutPace(.stalled)
            #expect(await cli.run(["apply", "-f", try cli.manifest(DoctorManifest.yaml(tag: "2.0"))]).code == 0)
            let (code, report, _) = try await doctor(cli)
            #expect(code == 1)
            let stuck = report["rollout"]?["stuck"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(stuck.contains { $0.hasPrefix("maxUnavailable reached: 3 pod(s) unavailable with maxUnavailable 1") })
        }
    }

    @Test func aMissingDaemonSetIsAnError() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let result = await cli.run(["doctor", "nope", "-n", "ops"])
            #expect(result.code == 2)
            #expect(result.stderr == "dsledger: error: no DaemonSet ops/nope in context 'emulator-token'\n")
        }
    }
}
