@testable import APIServerEmulator
import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Nodes and the emulated DaemonSet controller: placement, status, revisions, pacing.
@Suite struct DaemonSetControllerTests {
    let state = EmulatorState(version: KubernetesVersion(major: 1, minor: 31), token: "t", nodes: 3)
    static let path = "/apis/apps/v1/namespaces/ops/daemonsets"

    @discardableResult
    func send(_ method: String, _ uri: String, _ body: JSONValue? = nil, contentType: String = "application/json") -> (Int, JSONValue) {
        let headers = ["content-type": contentType, "user-agent": "kubectl/v1.32.0", "authorization": "Bearer t"]
        let response = state.handle(EmulatorRequest(method: method, uri: uri, headers: headers, body: body.map(CanonicalJSON.compactBytes) ?? []),
                                    hasClientCertificate: false, serverAddress: "127.0.0.1:1")
        return (response.status, (try? JSONValue(parsingJSON: String(decoding: response.body, as: UTF8.self))) ?? .null)
    }

    func create(_ spec: (inout JSONValue) -> Void = { _ in }) {
        send("POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ops"]])
        var daemonSet = EmulatorStateTests.daemonSet
        spec(&daemonSet)
        send("POST", Self.path, daemonSet)
    }

    func status() -> JSONValue? { send("GET", Self.path + "/agent").1["status"] }

    func revisions() -> [JSONValue] {
        send("GET", "/apis/apps/v1/namespaces/ops/controllerrevisions").1["items"]?.arrayValue ?? []
    }

    @Test func registersReadyNodesLikeAKubelet() throws {
        let node = send("GET", "/api/v1/nodes/node-2").1
        #expect(node["metadata"]?["labels"]?["kubernetes.io/hostname"] == "node-2")
        #expect(node["metadata"]?["labels"]?["beta.kubernetes.io/arch"] == "amd64")
        #expect(node.value(atMemberPath: "status.allocatable.pods") == "110")
        #expect(node.value(atMemberPath: "status.capacity.cpu") == "2")
        #expect(node.value(atMemberPath: "status.nodeInfo.kubeletVersion") == "v1.31.0")
        #expect(KubeletNode.isReady(node))
        #expect(send("GET", "/api/v1/nodes").1["items"]?.arrayValue?.count == 3)
    }

    @Test func immediatePaceCompletesTheRollout() throws {
        create()
        #expect(status() == ["currentNumberScheduled": 3, "numberMisscheduled": 0, "desiredNumberScheduled": 3, "numberReady": 3,
                             "observedGeneration": 1, "updatedNumberScheduled": 3, "numberAvailable": 3])
        let object = send("GET", Self.path + "/agent").1
        let entry = try #require(object["metadata"]?["managedFields"]?.arrayValue?.first { $0["manager"] == "kube-controller-manager" })
        #expect(entry["operation"] == "Update")
        #expect(entry["subresource"] == "status")
        #expect(entry.value(atMemberPath: "fieldsV1.f:status.f:numberReady") == [:])
    }

    @Test func nodeSelectorAffinityAndTaintsChooseNodes() {
        state.putNode(["metadata": ["name": "gpu-1", "labels": ["gpu": "yes"]],
                       "spec": ["taints": [["key": "gpu", "effect": "NoSchedule"]]]])
        create { $0["spec"]?["template"]?["spec"]?["nodeSelector"] = ["gpu": "yes"] }
        #expect(status()?["desiredNumberScheduled"] == 0)
        var tolerating = EmulatorStateTests.daemonSet
        tolerating["metadata"]?["name"] = "tolerant"
        tolerating["spec"]?["template"]?["spec"]?["tolerations"] = [["key": "gpu", "operator": "Exists"]]
        tolerating["spec"]?["template"]?["spec"]?["affinity"] = ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
            "nodeSelectorTerms": [["matchExpressions": [["key": "kubernetes.io/hostname", "operator": "NotIn", "values": ["node-1"]]]]],
        ]]]
        send("POST", Self.path, tolerating)
        #expect(send("GET", Self.path + "/tolerant").1["status"]?["desiredNumberScheduled"] == 3)
    }

    @Test func noScheduleTaintAfterSchedulingCountsMisscheduled() {
        create()
        state.putNode(["metadata": ["name": "node-1"], "spec": ["taints": [["key": "dedicated", "value": "db", "effect": "NoSchedule"]]]])
        #expect(status()?["desiredNumberScheduled"] == 2)
        #expect(status()?["numberMisscheduled"] == 1)
        state.putNode(["metadata": ["name": "node-1"], "spec": ["taints": [["key": "dedicated", "effect": "NoExecute"]]]])
        #expect(status()?["numberMisscheduled"] == 0)
        #expect(status()?["currentNumberScheduled"] == 2)
    }

    @Test func unschedulableAndNotReadyNodes() {
        state.putNode(["metadata": ["name": "node-1"], "spec": ["unschedulable": true]])
        var notReady = KubeletNode.node(name: "node-2", index: 2, version: KubernetesVersion(major: 1, minor: 31))
        notReady["status"]?["conditions"] = [["type": "Ready", "status": "False"]]
        state.putNode(notReady)
        create()
        #expect(status()?["desiredNumberScheduled"] == 3)
        #expect(status()?["numberReady"] == 2)
        #expect(status()?["numberUnavailable"] == 1)
    }

    @Test func revisionsFollowTheTemplate() throws {
        create()
        let first = try #require(revisions().first)
        let hash = try #require(first["metadata"]?["labels"]?["controller-revision-hash"]?.stringValue)
        #expect(first["metadata"]?["name"] == .string("agent-\(hash)"))
        #expect(first["metadata"]?["labels"]?["app"] == "agent")
        #expect(first["revision"] == 1)
        #expect(first.value(atMemberPath: "data.spec.template.$patch") == "replace")
        #expect(first["metadata"]?["ownerReferences"]?.arrayValue?.first?["controller"] == true)
        #expect(first["metadata"]?["annotations"]?["deprecated.daemonset.template.generation"] == "1")
        let image: (String) -> JSONValue = { ["spec": ["template": ["spec": ["containers": [["name": "agent", "image": .string($0)]]]]]] }
        send("PATCH", Self.path + "/agent", image("agent:2"), contentType: "application/strategic-merge-patch+json")
        #expect(revisions().compactMap { $0["revision"]?.intValue }.sorted() == [1, 2])
        send("PATCH", Self.path + "/agent", image("agent:1"), contentType: "application/strategic-merge-patch+json")
        let renumbered = revisions().first { $0["metadata"]?["name"] == .string("agent-\(hash)") }
        #expect(renumbered?["revision"] == 3)
        #expect(revisions().count == 2)
    }

    @Test func historyIsPrunedAndDeletedWithTheDaemonSet() {
        create { $0["spec"]?["revisionHistoryLimit"] = 1 }
        for tag in 2...4 {
            send("PATCH", Self.path + "/agent", ["spec": ["template": ["spec": ["containers": [["name": "agent", "image": .string("agent:\(tag)")]]]]]],
                 contentType: "application/strategic-merge-patch+json")
        }
        #expect(revisions().compactMap { $0["revision"]?.intValue }.sorted() == [3, 4])
        send("DELETE", Self.path + "/agent")
        #expect(revisions().isEmpty)
    }

    @Test func onePerReadAdvancesOneNodePerRead() {
        state.setRolloutPace(.onePerRead)
        create()
        let counts = (1...4).map { _ in status()?["updatedNumberScheduled"]?.intValue ?? 0 }
        #expect(counts == [1, 2, 3, 3])
        #expect(status()?["numberAvailable"] == 3)
        #expect(status()?["numberUnavailable"] == nil)
    }

    @Test func stalledRolloutNeverCompletes() {
        state.setRolloutPace(.stalled)
        create()
        _ = status()
        #expect(status() == ["currentNumberScheduled": 3, "numberMisscheduled": 0, "desiredNumberScheduled": 3, "numberReady": 0,
                             "observedGeneration": 1, "numberUnavailable": 3])
    }

    @Test func statusSubresourceWritesOnlyStatus() {
        create()
        let (code, body) = send("PATCH", Self.path + "/agent/status?fieldManager=doctor",
                                ["status": ["numberReady": 1], "metadata": ["labels": ["x": "y"]]],
                                contentType: "application/merge-patch+json")
        #expect(code == 200)
        #expect(body["status"]?["numberReady"] == 1)
        #expect(body["metadata"]?["labels"]?["x"] == nil)
        let entry = body["metadata"]?["managedFields"]?.arrayValue?.first { $0["manager"] == "doctor" }
        #expect(entry?["subresource"] == "status")
    }

    /// A write to one DaemonSet reconciles that one alone: another's hand-written status stays
    /// (reconciling every DaemonSet on each write made a thousand of them quadratic to apply).
    @Test func aWriteReconcilesOnlyTheDaemonSetWritten() {
        create()
        var other = EmulatorStateTests.daemonSet
        other["metadata"]?["name"] = "other"
        send("POST", Self.path, other)
        send("PATCH", Self.path + "/agent/status", ["status": ["numberReady": 1]], contentType: "application/merge-patch+json")
        send("PATCH", Self.path + "/other", ["metadata": ["labels": ["touched": "yes"]]], contentType: "application/merge-patch+json")
        #expect(status()?["numberReady"] == 1, "agent was not written: its status is left alone")
        send("PATCH", Self.path + "/agent", ["metadata": ["labels": ["touched": "yes"]]], contentType: "application/merge-patch+json")
        #expect(status()?["numberReady"] == 3, "agent written: the controller reconciles it")
    }

    @Test func revisionHashIsSafeEncoded() {
        let hash = DaemonSetController.revisionHash(["spec": [:]], collisionCount: nil)
        #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        #expect((1...10).contains(hash.count))
        #expect(hash != DaemonSetController.revisionHash(["spec": [:]], collisionCount: 1))
    }
}
