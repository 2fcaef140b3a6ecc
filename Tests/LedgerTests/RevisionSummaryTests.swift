import Ledger
import ObjectModel
import Testing

@Suite struct RevisionSummaryTests {
    @Test func readsAnIntegerMaxUnavailableAndTheImagesInitContainersFirst() {
        let strategy: JSONValue = ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]]
        let objects = [LedgerSamples.configMap,
                       LedgerSamples.daemonSet(image: "app:1", strategy: strategy, initImage: "setup:2", minReadySeconds: 10)]
        #expect(RevisionSummary(objects: objects) == RevisionSummary(
            strategyType: "RollingUpdate", maxUnavailable: "1", maxSurge: "0", minReadySeconds: 10, images: ["setup:2", "app:1"]))
    }

    @Test func readsAPercentMaxUnavailable() {
        let strategy: JSONValue = ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "10%"]]
        let summary = RevisionSummary(objects: [LedgerSamples.daemonSet(strategy: strategy)])
        #expect(summary.maxUnavailable == "10%")
        #expect(summary.maxSurge == nil)
        #expect(summary.strategyType == "RollingUpdate")
    }

    @Test func readsOnDeleteWithoutRollingParameters() {
        let summary = RevisionSummary(objects: [LedgerSamples.daemonSet(strategy: ["type": "OnDelete"])])
        #expect(summary == RevisionSummary(strategyType: "OnDelete", images: ["docker.io/fluent/fluent-bit:3.1"]))
    }

    @Test func anUpdateStrategyWithoutATypeIsRollingUpdate() {
        let summary = RevisionSummary(objects: [LedgerSamples.daemonSet(strategy: ["rollingUpdate": ["maxUnavailable": 2]])])
        #expect(summary.strategyType == "RollingUpdate")
        #expect(summary.maxUnavailable == "2")
    }

    @Test func isEmptyWithoutADaemonSet() {
        #expect(RevisionSummary(objects: [LedgerSamples.configMap]) == RevisionSummary())
        #expect(RevisionSummary(objects: [LedgerSamples.daemonSet()]).strategyType == nil)
    }
}
