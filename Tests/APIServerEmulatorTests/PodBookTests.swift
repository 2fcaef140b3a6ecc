@testable import APIServerEmulator
import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Daemon Pods, Events and pod logs derived from the DaemonSet controller and the scripts.
@Suite struct PodBookTests {
    let state = EmulatorState(version: KubernetesVersion(major: 1, minor: 31), token: "t", nodes: 2)

    @discardableResult
    func send(_ method: String, _ uri: String, _ body: JSONValue? = nil) -> (Int, JSONValue, String) {
        let headers = ["content-type": "application/json", "user-agent": "kubectl/v1.32.0", "authorization": "Bearer t"]
        let response = state.handle(EmulatorRequest(method: method, uri: uri, headers: headers, body: body.map(CanonicalJSON.compactBytes) ?? []),
                                    hasClientCertificate: false, serverAddress: "127.0.0.1:1")
        let text = String(decoding: response.body, as: UTF8.self)
        return (response.status, (try? JSONValue(parsingJSON: text)) ?? .null, text)
    }

    func create() {
        send("POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ops"]])
        send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", EmulatorStateTests.daemonSet)
    }

    func pods(_ query: String = "") -> [JSONValue] { send("GET", "/api/v1/namespaces/ops/pods" + query).1["items"]?.arrayValue ?? [] }

    @Test func theControllerCreatesOwnedPodsPerNodeWithoutTakingResourceVersions() throws {
        create()
        let pods = pods()
        #expect(pods.count == 2)
        let pod = try #require(pods.first)
        let daemonSet = send("GET", "/apis/apps/v1/namespaces/ops/daemonsets/agent").1
        #expect(pod["metadata"]?["ownerReferences"]?.arrayValue?.first?["uid"] == daemonSet["metadata"]?["uid"])
        #expect(pod.value(atMemberPath: "metadata.labels.pod-template-generation") == "1")
        #expect(pod.value(atMemberPath: "metadata.labels.controller-revision-hash") != nil)
        #expect(pod["status"]?["phase"] == "Running")
        #expect(pod["status"]?["containerStatuses"]?.arrayValue?.first?["ready"] == true)
        // Creating the pods took no resourceVersion: the last one is still the DaemonSet's status write.
        let version = daemonSet["metadata"]?["resourceVersion"]
        #expect(send("GET", "/api/v1/pods").1["metadata"]?["resourceVersion"] == version)
        #expect(send("GET", "/api/v1/namespaces").1["metadata"]?["resourceVersion"] == version)
        #expect(self.pods("?fieldSelector=spec.nodeName%3Dnode-2").count == 1)
        #expect(send("GET", "/api/v1/namespaces/ops/pods?fieldSelector=spec.bogus%3Dx").0 == 400)
    }

    @Test func scriptsDriveStatusEventsAndLogs() throws {
        create()
        state.scriptPod(node: "node-1", container: "agent", state: .crashLoop(exitCode: 2, restarts: 3, previousLog: ["a", "b", "c"]))
        let pod = try #require(pods("?fieldSelector=spec.nodeName%3Dnode-1").first)
        let name = try #require(pod["metadata"]?["name"]?.stringValue)
        let status = try #require(pod["status"]?["containerStatuses"]?.arrayValue?.first)
        #expect(status.value(atMemberPath: "state.waiting.reason") == "CrashLoopBackOff")
        #expect(status.value(atMemberPath: "lastState.terminated.exitCode") == 2 && status["restartCount"] == 3)
        let log = send("GET", "/api/v1/namespaces/ops/pods/\(name)/log?container=agent&previous=true&tailLines=2")
        #expect(log.0 == 200 && log.2 == "b\nc\n")
        #expect(send("GET", "/apis/apps/v1/namespaces/ops/daemonsets/agent").1["status"]?["numberReady"] == 1)
        let events = send("GET", "/api/v1/namespaces/ops/events?fieldSelector=involvedObject.kind%3DPod,involvedObject.name%3D\(name)").1
        let backOff = events["items"]?.arrayValue?.first { $0["reason"] == "BackOff" }
        #expect(backOff?["count"] == 3 && backOff?["type"] == "Warning")
        let other = try #require(pods("?fieldSelector=spec.nodeName%3Dnode-2").first?["metadata"]?["name"]?.stringValue)
        let none = send("GET", "/api/v1/namespaces/ops/pods/\(other)/log?previous=true")
        #expect(none.0 == 400)
        #expect(none.1["message"]?.stringValue == "previous terminated container \"agent\" in pod \"\(other)\" not found")
        #expect(send("GET", "/api/v1/namespaces/ops/pods/nope/log").0 == 404)
    }

    @Test func otherPodsRequestsKeepADaemonPodPending() throws {
        state.putOtherPod(["metadata": ["name": "hog", "namespace": "default"],
                           "spec": ["nodeName": "node-1", "containers": [["name": "m", "resources": ["requests": ["memory": "8Gi"]]]]]])
        var daemonSet = EmulatorStateTests.daemonSet
        daemonSet["spec"]?["template"]?["spec"]?["containers"] = [["name": "agent", "image": "agent:1", "resources": ["requests": ["memory": "64Mi"]]]]
        send("POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ops"]])
        send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", daemonSet)
        let pending = pods().filter { $0["status"]?["phase"] == "Pending" }
        #expect(pending.count == 1)
        #expect(pending.first?["spec"]?["nodeName"] == nil)
        let message = pending.first?["status"]?["conditions"]?.arrayValue?.first?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("0/2 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity/selector."))
        #expect(send("GET", "/apis/apps/v1/namespaces/ops/daemonsets/agent").1["status"]?["numberUnavailable"] == 1)
    }

    @Test func aNodesFileCompletesWhatItLeavesOut() throws {
        let nodes = try NodeFile.nodes(fromText: """
            kind: NodeList
            items:
            - metadata: {name: small, labels: {disk: ssd}}
              spec: {taints: [{key: gpu, effect: NoSchedule}]}
              status: {allocatable: {cpu: 500m}}
            """)
        let node = NodeFile.completed(try #require(nodes.first), index: 1, version: KubernetesVersion(major: 1, minor: 31))
        #expect(node.value(atMemberPath: "metadata.labels.disk") == "ssd")
        #expect(node.value(atMemberPath: "metadata.labels.kubernetes.io/hostname") == nil)
        #expect(node["metadata"]?["labels"]?["kubernetes.io/hostname"] == "small")
        #expect(node.value(atMemberPath: "status.allocatable.cpu") == "500m")
        #expect(KubeletNode.isReady(node))
        #expect(throws: NodeFileError.self) { try NodeFile.nodes(fromText: "- metadata: {labels: {a: b}}") }
    }
}
