@testable import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import TestSupport
import Testing

/// kubectl's watches (`get -w`, `rollout status`) and JSON patches against the emulator.
@Suite(.serialized) struct KubectlWatchProofTests {
    static let kubectlPresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl")
    static let decodeWarning = "unable to decode an event from the watch stream"

    static let daemonSet: JSONValue = [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": ["name": "agent", "namespace": "ops", "labels": ["app": "agent"]],
        "spec": [
            "selector": ["matchLabels": ["app": "agent"]],
            "template": ["metadata": ["labels": ["app": "agent"]], "spec": ["containers": [["name": "agent", "image": "agent:1"]]]],
        ],
    ]

    static func createDaemonSet(_ server: APIServer) {
        WatchCalls.makeNamespace(server)
        WatchCalls.send(server, "POST", "/apis/apps/v1/namespaces/ops/daemonsets", daemonSet)
    }

    /// Runs kubectl in the background (bounded by `timeout`), for commands that wait on a watch.
    static func backgroundKubectl(_ api: RunningAPIServer, _ arguments: [String]) -> ThreadRun<Subprocess> {
        let path = api.kubeconfigPath, folder = api.folder
        return WatchCalls.onThread {
            try Subprocess.run("/usr/bin/timeout", ["40", "/usr/bin/kubectl", "--kubeconfig", path] + arguments,
                               environment: ["HOME": folder, "PATH": "/usr/bin:/bin"])
        }
    }

    func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test(.enabled(if: kubectlPresent, "/usr/bin/kubectl is absent; the kubectl proof needs it"))
    func getWatchOnlySeesAnotherClientsChange() async throws {
        try await withAPIServer { api in
            Self.createDaemonSet(api.server)
            let server = api.server
            let watching = Self.backgroundKubectl(api, ["get", "ds", "-n", "ops", "--watch-only"])
            let opened = await WatchCalls.eventually(within: 60) { server.state.openWatches == 1 }
            WatchCalls.send(server, "PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent", ["metadata": ["labels": ["tier": "node"]]],
                            contentType: "application/merge-patch+json")
            await WatchCalls.endWatches(server)
            let result = try await watching.value
            #expect(opened, "\(result.stderr)")
            #expect(!result.stderr.contains(Self.decodeWarning), "\(result.stderr)")
            let lines = text(result.stdout).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(lines.first == ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE", "SELECTOR", "AGE"])
            #expect(lines.dropFirst().first?.prefix(7) == ["agent", "3", "3", "3", "3", "3", "<none>"], "\(text(result.stdout))")
            let watch = api.requests.last { $0.query.contains { $0.name == "watch" } }
            #expect(watch?.headers["accept"]?.contains("as=Table") == true)
        }
    }

    @Test(.enabled(if: kubectlPresent, "/usr/bin/kubectl is absent; the kubectl proof needs it"))
    func rolloutStatusFollowsTheWatchWithoutWarnings() async throws {
        try await withAPIServer { api in
            api.server.setRolloutPace(.stalled)
            Self.createDaemonSet(api.server)
            let server = api.server
            let waiting = Self.backgroundKubectl(api, ["rollout", "status", "ds/agent", "-n", "ops", "--timeout=30s"])
            #expect(await WatchCalls.eventually(within: 60) { server.state.openWatches >= 1 })
            server.setRolloutPace(.immediate)
            let result = try await waiting.value
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains(Self.decodeWarning), "\(result.stderr)")
            #expect(text(result.stdout).hasSuffix("daemon set \"agent\" successfully rolled out\n"), "\(text(result.stdout))")
        }
    }

    @Test(.enabled(if: kubectlPresent, "/usr/bin/kubectl is absent; the kubectl proof needs it"))
    func patchTypeJSONAppliesAndAFailedTestIsInvalid() async throws {
        try await withAPIServer { api in
            Self.createDaemonSet(api.server)
            let patch = """
            [{"op":"add","path":"/metadata/annotations/example.com~1owner","value":"ops"},
             {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"agent:2"},
             {"op":"add","path":"/spec/template/spec/containers/0/args","value":["--verbose"]},
             {"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--json"}]
            """
            let patched = try await WatchCalls.onThread { try api.kubectl("patch", "ds", "agent", "-n", "ops", "--type=json", "-p", patch) }.value
            #expect(patched.status == 0, "\(patched.stderr)")
            #expect(text(patched.stdout) == "daemonset.apps/agent patched\n")
            #expect(api.requests.last { $0.method == "PATCH" }?.headers["content-type"] == "application/json-patch+json")
            let stored = api.server.storedObject(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "ops", name: "agent")
            #expect(stored?["metadata"]?["annotations"]?["example.com/owner"] == "ops")
            #expect(stored?.value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.first?["args"] == ["--verbose", "--json"])
            #expect(stored?["metadata"]?["generation"] == 2)
            let entries = stored?["metadata"]?["managedFields"]?.arrayValue ?? []
            #expect(entries.contains { $0["manager"] == "kubectl-patch" && $0["operation"] == "Update" })

            let failing = try await WatchCalls.onThread {
                try api.kubectl("patch", "ds", "agent", "-n", "ops", "--type=json",
                                "-p", #"[{"op":"test","path":"/spec/template/spec/containers/0/image","value":"agent:1"}]"#)
            }.value
            #expect(failing.status != 0)
            #expect(failing.stderr == "The request is invalid: the server rejected our request due to an error in our request\n")
            #expect(api.requests.last?.responseStatus == 422)
        }
    }
}
