import KubernetesRules
import ObjectModel
import Testing

/// Toleration matching as https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
/// describes it (`Toleration.ToleratesTaint`).
@Suite struct TaintTolerationTests {
    static let gpu: JSONValue = ["key": "gpu", "value": "true", "effect": "NoSchedule"]

    @Test func existsWithAnEmptyKeyToleratesEveryTaint() {
        let everything: JSONValue = ["operator": "Exists"]
        #expect(TaintToleration.tolerates(everything, Self.gpu))
        #expect(TaintToleration.tolerates(everything, ["key": "dedicated", "effect": "NoExecute"]))
    }

    @Test func equalNeedsTheSameKeyAndValue() {
        #expect(TaintToleration.tolerates(["key": "gpu", "operator": "Equal", "value": "true"], Self.gpu))
        #expect(!TaintToleration.tolerates(["key": "gpu", "operator": "Equal", "value": "false"], Self.gpu))
        #expect(!TaintToleration.tolerates(["key": "tpu", "operator": "Equal", "value": "true"], Self.gpu))
        // Equal is the default operator.
        #expect(TaintToleration.tolerates(["key": "gpu", "value": "true"], Self.gpu))
    }

    @Test func existsIgnoresTheValue() {
        #expect(TaintToleration.tolerates(["key": "gpu", "operator": "Exists"], Self.gpu))
    }

    @Test func anEmptyEffectMatchesEveryEffect() {
        #expect(TaintToleration.tolerates(["key": "gpu", "operator": "Exists"], ["key": "gpu", "effect": "NoExecute"]))
        #expect(TaintToleration.tolerates(["key": "gpu", "operator": "Exists", "effect": "NoSchedule"], Self.gpu))
        #expect(!TaintToleration.tolerates(["key": "gpu", "operator": "Exists", "effect": "NoExecute"], Self.gpu))
    }

    @Test func tolerationSecondsDoesNotChangeWhetherItMatches() {
        let bounded: JSONValue = ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
                                  "tolerationSeconds": 300]
        #expect(TaintToleration.tolerates(bounded, ["key": "node.kubernetes.io/unreachable", "effect": "NoExecute"]))
    }

    @Test func daemonPodsTolerateTheNodeConditionTaints() {
        let spec: JSONValue = ["containers": []]
        let taints: [JSONValue] = [
            ["key": "node.kubernetes.io/not-ready", "effect": "NoExecute"],
            ["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"],
            ["key": "node.kubernetes.io/network-unavailable", "effect": "NoSchedule"],
            ["key": "gpu", "value": "true", "effect": "PreferNoSchedule"],
            Self.gpu,
        ]
        let untolerated = TaintToleration.untoleratedDaemonPodTaints(spec: spec, taints: taints)
        #expect(untolerated.compactMap { $0["key"]?.stringValue } == ["node.kubernetes.io/network-unavailable", "gpu"])
        let hostNetwork: JSONValue = ["hostNetwork": true]
        #expect(TaintToleration.untoleratedDaemonPodTaints(spec: hostNetwork, taints: taints) == [Self.gpu])
    }
}
