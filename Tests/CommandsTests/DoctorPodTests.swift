import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// `doctor` against the emulator: pods that are not ready, one container failure each.
@Suite struct DoctorPodTests {
    func scripted(_ script: ContainerScript, _ more: [String] = []) async throws -> (code: Int32, report: JSONValue) {
        try await withAPIServer(nodes: 2) { running in
            let cli = clusterHarness(running)
            let path = try cli.manifest(DoctorManifest.yaml())
            #expect(await cli.run(["apply", "-f", path]).code == 0)
            running.server.scriptPod(node: "node-2", container: DoctorManifest.container, state: script)
            let (code, report, _) = try await doctor(cli, more)
            return (code, report)
        }
    }

    @Test func aCrashLoopShowsRestartsThePreviousLogAndTheHostPathMount() async throws {
        let log = ["starting agent 1.0", "open /var/lib/agent/state.db: permission denied", "exiting"]
        let (code, report) = try await scripted(.crashLoop(exitCode: 1, restarts: 4, previousLog: log), ["--log-lines", "2"])
        #expect(code == 1)
        #expect(report["pods"]?.arrayValue?.count == 1)
        #expect(report["pods"]?.arrayValue?.first?["node"] == "node-2")
        let container = try #require(report.firstContainer)
        #expect(container["reason"] == "CrashLoopBackOff" && container["restarts"] == 4)
        #expect(container["lastTermination"] == "Error, exit code 1")
        #expect(container["previousLog"] == ["open /var/lib/agent/state.db: permission denied", "exiting"])
        let permission = try #require(container["permissionProblems"]?.arrayValue?.first)
        #expect(permission["path"] == "/var/lib/agent/state.db")
        #expect(permission["mountPath"] == "/var/lib/agent" && permission["hostPath"] == "/var/lib/agent" && permission["readOnly"] == false)
        #expect(permission["securityContext"]?.arrayValue?.contains("runAsUser=1000") == true)
        #expect(report["events"]?.arrayValue?.contains { $0["reason"] == "BackOff" && $0["count"] == 4 } == true)
    }

    @Test func anImagePullBackOffIsReportedWithThePullFailure() async throws {
        let (code, report) = try await scripted(.imagePullBackOff(detail: "manifest unknown"))
        #expect(code == 1)
        let container = try #require(report.firstContainer)
        #expect(container["reason"] == "ImagePullBackOff")
        #expect(container["message"] == "Back-off pulling image \"registry.example.com/agent:1.0\"")
        #expect(report["pods"]?.arrayValue?.first?["phase"] == "Pending")
        let messages = report["events"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        #expect(messages.contains { $0.hasPrefix("Failed to pull image") && $0.hasSuffix("manifest unknown") })
    }

    @Test func anOOMKilledContainerShowsItsLastTermination() async throws {
        let (code, report) = try await scripted(.oomKilled(restarts: 2, previousLog: ["allocating buffers"]))
        #expect(code == 1)
        let container = try #require(report.firstContainer)
        #expect(container["lastTermination"] == "OOMKilled, exit code 137")
        #expect(container["previousLog"] == ["allocating buffers"])
        #expect(container["permissionProblems"] == [])
    }

    @Test func aConfigErrorNamesTheMissingSecretKeyAndWhoUsesIt() async throws {
        let (code, report) = try await scripted(.configError(kind: "Secret", name: "agent-env-secrets", key: "TOKEN"))
        #expect(code == 1)
        let container = try #require(report.firstContainer)
        #expect(container["reason"] == "CreateContainerConfigError")
        #expect(container["missing"] == ["kind": "Secret", "namespace": "ops", "name": "agent-env-secrets", "key": "TOKEN",
                                         "references": ["env TOKEN"]])
        #expect(report["events"]?.arrayValue?.first { $0["reason"] == "Failed" }?["message"]
            == "Error: couldn't find key TOKEN in Secret ops/agent-env-secrets")
    }

    @Test func humanOutputListsPodsAndEventsNewestFirst() async throws {
        try await withAPIServer(nodes: 1) { running in
            let cli = clusterHarness(running)
            let path = try cli.manifest(DoctorManifest.yaml())
            #expect(await cli.run(["apply", "-f", path]).code == 0)
            running.server.scriptPod(node: "node-1", container: DoctorManifest.container,
                                     state: .crashLoop(restarts: 3, previousLog: ["boom"]))
            let result = await cli.run(["doctor", "agent"])
            #expect(result.code == 1)
            #expect(result.stdout.contains("NOT healthy: 0 of 1 expected pod(s) ready"))
            #expect(result.stdout.contains("waiting CrashLoopBackOff"))
            #expect(result.stdout.contains("      | boom"))
            let events = result.stdout.components(separatedBy: "EVENTS (newest first)\n").last ?? ""
            let order = ["BackOff", "Started", "Scheduled", "SuccessfulCreate"].map { events.range(of: "  \($0)  ")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        }
    }
}
