import Foundation
import ObjectModel
import Testing
@testable import Troubleshooting

/// Placement verdicts per node: selector, affinity, taints, resources, readiness, cordon.
@Suite struct PlacementTests {
    static func node(_ name: String, labels: [String: JSONValue] = [:], taints: [JSONValue] = [], cpu: String = "2",
                     ready: String = "True", unschedulable: Bool = false) -> JSONValue {
        var node: JSONValue = [
            "metadata": ["name": .string(name), "labels": .object(labels)],
            "spec": ["taints": .array(taints)],
            "status": ["allocatable": ["cpu": .string(cpu), "memory": "8Gi", "pods": "110"],
                       "conditions": [["type": "Ready", "status": .string(ready), "reason": "KubeletNotReady", "message": "PLEG is not healthy"]]],
        ]
        if unschedulable { node["spec"]?["unschedulable"] = true }
        return node
    }

    static func template(_ spec: [String: JSONValue]) -> JSONValue {
        var full = spec
        if full["containers"] == nil { full["containers"] = [["name": "app", "image": "agent:1"]] }
        return ["spec": .object(full)]
    }

    @Test func reportsTheSelectorLabelThatIsMissingOrDifferent() {
        let placement = DaemonPodPlacement(template: Self.template(["nodeSelector": ["disk": "ssd", "zone": "a"]]))
        let verdict = placement.verdict(on: Self.node("n1", labels: ["zone": "b"]), otherPods: [])
        #expect(verdict.outcome == .excluded)
        #expect(verdict.reasons == [.nodeSelector(key: "disk", wanted: "ssd", actual: nil), .nodeSelector(key: "zone", wanted: "a", actual: "b")])
    }

    @Test func reportsTheFailingAffinityRequirement() {
        let affinity: JSONValue = ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
            ["matchExpressions": [["key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]]]],
        ]]]]
        let verdict = DaemonPodPlacement(template: Self.template(["affinity": affinity]))
            .verdict(on: Self.node("n1", labels: ["kubernetes.io/arch": "amd64"]), otherPods: [])
        #expect(verdict.reasons == [.nodeAffinity(term: 1, requirement: "kubernetes.io/arch In [arm64]", actual: "amd64")])
    }

    @Test func untoleratedTaintsAreNamedAndDaemonTolerationsCount() {
        let taints: [JSONValue] = [["key": "gpu", "value": "true", "effect": "NoSchedule"],
                                   ["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"],
                                   ["key": "soft", "effect": "PreferNoSchedule"]]
        let verdict = DaemonPodPlacement(template: Self.template([:])).verdict(on: Self.node("n1", taints: taints), otherPods: [])
        #expect(verdict.reasons == [.untoleratedTaint(key: "gpu", value: "true", effect: "NoSchedule")])
        let tolerating = DaemonPodPlacement(template: Self.template(["tolerations": [["key": "gpu", "operator": "Exists"]]]))
        #expect(tolerating.verdict(on: Self.node("n1", taints: taints), otherPods: []).outcome == .runs)
    }

    @Test func requestsAreComparedWithWhatOtherPodsLeave() {
        let template = Self.template(["containers": [["name": "app", "image": "a", "resources": ["requests": ["cpu": "500m"]]]]])
        let other: JSONValue = ["metadata": ["name": "busy"], "spec": ["nodeName": "n1", "containers": [
            ["name": "x", "resources": ["requests": ["cpu": "1800m"]]]]]]
        let verdict = DaemonPodPlacement(template: template).verdict(on: Self.node("n1"), otherPods: [other])
        #expect(verdict.outcome == .blocked)
        #expect(verdict.reasons == [.insufficient(resource: "cpu", requested: "500m", allocatable: "2", usedByOthers: "1800m")])
        #expect(DaemonPodPlacement(template: template).verdict(on: Self.node("n1"), otherPods: []).outcome == .runs)
    }

    @Test func notReadyBlocksAndCordonedIsANote() {
        let placement = DaemonPodPlacement(template: Self.template([:]))
        let notReady = placement.verdict(on: Self.node("n1", ready: "False"), otherPods: [])
        #expect(notReady.outcome == .blocked)
        #expect(notReady.reasons == [.notReady(status: "False", reason: "KubeletNotReady", message: "PLEG is not healthy")])
        let cordoned = placement.verdict(on: Self.node("n2", unschedulable: true), otherPods: [])
        #expect(cordoned.outcome == .runs)
        #expect(cordoned.notes == [.cordoned])
    }
}
