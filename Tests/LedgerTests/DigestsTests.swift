import Foundation
import Ledger
import ObjectModel
import Testing

@Suite struct DigestsTests {
    struct Inputs {
        var previous: String? = "sha256:aaaa"
        var release = ReleaseID(namespace: "ops", name: "agent")
        var number = 2
        var content = "sha256:bbbb"
        var metadata = LedgerSamples.metadata()
        var summary = RevisionSummary(strategyType: "RollingUpdate", maxUnavailable: "1", maxSurge: "0",
                                      minReadySeconds: 5, images: ["fluent-bit:3.1"])

        var chain: String {
            Digests.chain(previous: previous, release: release, number: number, contentDigest: content,
                          metadata: metadata, summary: summary)
        }
    }

    enum Change: String, CaseIterable, Sendable {
        case previous, firstRevision, namespace, name, number, content, action, author, message, noMessage
        case sourceFile, toolVersion, createdAt, restoredFrom, image, strategyType, maxUnavailable, maxSurge, minReadySeconds

        func apply(to inputs: inout Inputs) {
            switch self {
            case .previous: inputs.previous = "sha256:aaab"
            case .firstRevision: inputs.previous = nil
            case .namespace: inputs.release.namespace = "ops2"
            case .name: inputs.release.name = "agent2"
            case .number: inputs.number = 3
            case .content: inputs.content = "sha256:bbbc"
            case .action: inputs.metadata.action = .rollback
            case .author: inputs.metadata.author = "mallory"
            case .message: inputs.metadata.message = "second"
            case .noMessage: inputs.metadata.message = nil
            case .sourceFile: inputs.metadata.sourceFile = "other.yaml"
            case .toolVersion: inputs.metadata.toolVersion = "0.1.1"
            case .createdAt: inputs.metadata.createdAt += 0.001
            case .restoredFrom: inputs.metadata.restoredFrom = 1
            case .image: inputs.summary.images = ["fluent-bit:3.2"]
            case .strategyType: inputs.summary.strategyType = "OnDelete"
            case .maxUnavailable: inputs.summary.maxUnavailable = "10%"
            case .maxSurge: inputs.summary.maxSurge = nil
            case .minReadySeconds: inputs.summary.minReadySeconds = 6
            }
        }
    }

    @Test(arguments: Change.allCases)
    func chainChangesWhenAnyInputChanges(change: Change) {
        var changed = Inputs()
        change.apply(to: &changed)
        #expect(changed.chain != Inputs().chain)
    }

    @Test func chainIsAStableSHA256() {
        #expect(Inputs().chain == Inputs().chain)
        #expect(Inputs().chain.hasPrefix("sha256:") && Inputs().chain.count == 71)
    }

    @Test func contentDigestDependsOnObjectsInOrderButNotOnMemberOrder() {
        let spec: JSONValue = ["a": 1, "b": 2]
        let reordered = JSONValue.object(["b": 2, "a": 1])
        let objects = [LedgerSamples.configMap, LedgerSamples.daemonSet()]
        #expect(Digests.content(spec: spec, objects: objects) == Digests.content(spec: reordered, objects: objects))
        #expect(Digests.content(spec: spec, objects: objects) != Digests.content(spec: spec, objects: objects.reversed()))
        #expect(Digests.content(spec: spec, objects: objects) != Digests.content(spec: ["a": 1], objects: objects))
        #expect(Digests.content(spec: spec, objects: objects)
            == Digests.content(specDigest: spec.contentDigest, objectDigests: objects.map(\.contentDigest)))
    }

    @Test func draftContentDigestIgnoresWhoRecordedItAndWhen() {
        let release = ReleaseID(namespace: "ops", name: "agent")
        let first = RevisionDraft(release: release, metadata: LedgerSamples.metadata(), spec: ["x": 1],
                                  objects: [LedgerSamples.daemonSet()], secretHashes: [], summary: RevisionSummary())
        var second = first
        second.metadata = LedgerSamples.metadata(author: "bob", at: 1)
        #expect(first.contentDigest == second.contentDigest)
        second.objects = [LedgerSamples.daemonSet(image: "fluent-bit:3.2")]
        #expect(first.contentDigest != second.contentDigest)
    }
}
