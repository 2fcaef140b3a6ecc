@testable import APIServerEmulator
import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// A write syncs only the daemon pods it can move: a DaemonSet's write its own pods, a Node's
/// every DaemonSet's, any other write none. Counted in pods built, so it holds on any machine.
@Suite struct PodSyncScopeTests {
    let state = EmulatorState(version: KubernetesVersion(major: 1, minor: 31), token: "t", nodes: 2)
    static let count = 40

    @discardableResult
    func send(_ method: String, _ uri: String, _ body: JSONValue? = nil, type: String = "application/json") -> Int {
        let headers = ["content-type": type, "user-agent": "kubectl/v1.32.0", "authorization": "Bearer t"]
        return state.handle(EmulatorRequest(method: method, uri: uri, headers: headers, body: body.map(CanonicalJSON.compactBytes) ?? []),
                            hasClientCertificate: false, serverAddress: "127.0.0.1:1").status
    }

    /// Namespace `ops` with DaemonSets agent-0 … agent-39, each running on both nodes.
    func createDaemonSets() {
        send("POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ops"]])
        for index in 0..<Self.count {
            var daemonSet = EmulatorStateTests.daemonSet
            daemonSet["metadata"]?["name"] = .string("agent-\(index)")
            send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", daemonSet)
        }
    }

    /// The status of one request, the pods it built, and every daemon pod afterwards.
    func built(_ method: String, _ uri: String, _ body: JSONValue? = nil,
               type: String = "application/json") -> (status: Int, built: Int, pods: [String: JSONValue]) {
        let before = state.lock.withLock { state.podBook.podsBuilt }
        let status = send(method, uri, body, type: type)
        return state.lock.withLock { (status, state.podBook.podsBuilt - before, state.podBook.daemonPods) }
    }

    @Test func aDaemonSetWriteBuildsOnlyItsOwnPods() throws {
        createDaemonSets()
        let before = state.lock.withLock { state.podBook.daemonPods }
        #expect(before.count == 2 * Self.count)
        let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": "agent", "image": "agent:2"]]]]]]
        let write = built("PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent-7", patch, type: "application/merge-patch+json")
        #expect(write.status == 200)
        #expect(write.built == 2, "one pod per node of agent-7, not \(2 * Self.count)")
        let changed = Set(write.pods.keys).subtracting(before.keys)
        #expect(changed.count == 2 && changed.allSatisfy { $0.hasPrefix("ops/agent-7-") }, "\(changed)")
        #expect(write.pods.filter { !$0.key.hasPrefix("ops/agent-7-") } == before.filter { !$0.key.hasPrefix("ops/agent-7-") })
        #expect(write.pods.filter { $0.key.hasPrefix("ops/agent-7-") }.values.allSatisfy {
            $0.value(atMemberPath: "spec.containers")?.arrayValue?.first?["image"] == "agent:2"
        })

        let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "namespace": "ops"]]
        let other = built("POST", "/api/v1/namespaces/ops/configmaps", configMap)
        #expect(other.status == 201 && other.built == 0)

        let deleted = built("DELETE", "/apis/apps/v1/namespaces/ops/daemonsets/agent-3")
        #expect(deleted.status == 200 && deleted.built == 0 && deleted.pods.count == 2 * (Self.count - 1))
        #expect(!deleted.pods.keys.contains { $0.hasPrefix("ops/agent-3-") })
    }

    @Test func aCreateBuildsOnlyTheNewDaemonSetsPods() throws {
        createDaemonSets()
        var daemonSet = EmulatorStateTests.daemonSet
        daemonSet["metadata"]?["name"] = "agent-new"
        let create = built("POST", "/apis/apps/v1/namespaces/ops/daemonsets", daemonSet)
        #expect(create.status == 201 && create.built == 2 && create.pods.count == 2 * (Self.count + 1))
    }

    @Test func aNodeWriteSyncsEveryDaemonSet() throws {
        createDaemonSets()
        let taint: JSONValue = ["spec": ["taints": [["key": "gpu", "effect": "NoExecute"]]]]
        let write = built("PATCH", "/api/v1/nodes/node-2", taint, type: "application/merge-patch+json")
        #expect(write.status == 200)
        #expect(write.built == Self.count, "one pod per DaemonSet, on the node left")
        #expect(write.pods.count == Self.count && write.pods.values.allSatisfy { $0.value(atMemberPath: "spec.nodeName") == "node-1" })
    }
}
