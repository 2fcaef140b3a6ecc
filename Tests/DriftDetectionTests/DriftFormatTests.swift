import ObjectModel
import StructuralDiff
import Testing
@testable import DriftDetection

@Suite struct DriftFormatTests {
    static let daemonSet = ObjectIdentity(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "logging", name: "fluent-bit")
    static let image = FieldPath(dotted: "spec.template.spec").field("containers").keyed("name", "app").field("image")

    static let report = DriftReport(release: "logging/fluent-bit", revision: 5, items: [
        DriftItem(object: daemonSet, path: image, change: .changed, expected: "fluent-bit:3.0", live: "fluent-bit:3.1",
                  manager: "kubectl-edit", operation: "Update", time: "2026-11-02T10:14:03Z"),
        DriftItem(object: daemonSet, path: FieldPath(dotted: "spec.template.spec.hostNetwork"), change: .added, live: true),
        DriftItem(object: daemonSet, path: FieldPath(dotted: "spec.updateStrategy.rollingUpdate.maxUnavailable"),
                  change: .changed, expected: 1, live: "1"),
        DriftItem(object: ObjectIdentity(apiVersion: "v1", kind: "Secret", namespace: "logging", name: "env"),
                  path: FieldPath(dotted: "data").key("TOKEN"), change: .secretChanged,
                  expected: .string(marker("a")), live: .string(marker("b"))),
        DriftItem(object: ObjectIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: "logging", name: "conf"),
                  path: FieldPath(), change: .removed),
    ])

    @Test func humanGroupsPerObjectWithAttribution() {
        #expect(DriftFormat.human(Self.report, color: false) == """
            DaemonSet logging/fluent-bit
              ~ spec.template.spec.containers[name=app].image: fluent-bit:3.0 → fluent-bit:3.1
                changed by kubectl-edit (Update) at 2026-11-02T10:14:03Z
              + spec.template.spec.hostNetwork: true
              ~ spec.updateStrategy.rollingUpdate.maxUnavailable: 1 → "1"
            Secret logging/env
              secret changed: logging/env TOKEN (sha256:aaaaaaaa… → sha256:bbbbbbbb…)
            - ConfigMap logging/conf (removed from the cluster)

            """)
    }

    @Test func humanColoursWhenAsked() {
        let coloured = DriftFormat.human(Self.report, color: true)
        #expect(coloured.contains("\u{1B}[33m~ spec.template.spec.containers[name=app].image"))
        #expect(coloured.contains("\u{1B}[32m+ spec.template.spec.hostNetwork: true\u{1B}[0m"))
    }

    @Test func jsonHasTheDocumentedKeysInOrder() {
        #expect(DriftFormat.json(Self.report) == #"""
            {
              "release": "logging/fluent-bit",
              "revision": 5,
              "unknownLink": null,
              "items": [
                {"object": "apps/v1/DaemonSet/logging/fluent-bit", "path": "spec.template.spec.containers[name=app].image", "change": "changed", "expected": "fluent-bit:3.0", "live": "fluent-bit:3.1", "manager": "kubectl-edit", "operation": "Update", "time": "2026-11-02T10:14:03Z"},
                {"object": "apps/v1/DaemonSet/logging/fluent-bit", "path": "spec.template.spec.hostNetwork", "change": "added", "expected": null, "live": true, "manager": null, "operation": null, "time": null},
                {"object": "apps/v1/DaemonSet/logging/fluent-bit", "path": "spec.updateStrategy.rollingUpdate.maxUnavailable", "change": "changed", "expected": 1, "live": "1", "manager": null, "operation": null, "time": null},
                {"object": "v1/Secret/logging/env", "path": "data.TOKEN", "change": "secretChanged", "expected": "sha256:aaaaaaaa…", "live": "sha256:bbbbbbbb…", "manager": null, "operation": null, "time": null},
                {"object": "v1/ConfigMap/logging/conf", "path": "", "change": "removed", "expected": null, "live": null, "manager": null, "operation": null, "time": null}
              ]
            }

            """#)
    }

    @Test func cleanOfflineReportInJSON() {
        #expect(DriftFormat.json(DriftReport(items: [])) == "{\n  \"release\": null,\n  \"revision\": null,\n  \"unknownLink\": null,\n  \"items\": []\n}\n")
        #expect(DriftFormat.json([]) == "[]\n")
    }
}

@Suite struct RevisionNoteTests {
    @Test func saysWhenTheLiveDaemonSetCarriesAnotherRevision() {
        let report = DriftReport(release: "a/b", revision: 5, liveRevision: LiveRevision(revision: 4, contentDigest: nil), items: [])
        #expect(DriftFormat.revisionNote(report) == "live DaemonSet says revision 4, the store's last applied is 5")
        #expect(DriftFormat.revisionNote(DriftReport(release: "a/b", revision: 4, liveRevision: report.liveRevision, items: [])) == nil)
        #expect(DriftFormat.revisionNote(DriftReport(items: [])) == nil)
    }
}

/// The cluster as a second witness: the link a live DaemonSet's annotations name must be the ledger's.
@Suite struct UnknownLinkTests {
    static let ledger = LiveRevision.LedgerLink(contentDigest: "sha256:content", chainDigest: "chain-3")

    @Test func theLedgersOwnLinkIsNoFinding() {
        #expect(LiveRevision(revision: 3, contentDigest: "sha256:content", chainDigest: "chain-3").unknownLink(inLedger: Self.ledger) == nil)
        // Applied before dsledger wrote the chain digest: only what is there is compared.
        #expect(LiveRevision(revision: 3, contentDigest: "sha256:content").unknownLink(inLedger: Self.ledger) == nil)
    }

    @Test func aRevisionTheLedgerLacksOrAnotherDigestIsReported() {
        #expect(LiveRevision(revision: 9, contentDigest: nil, chainDigest: "x").unknownLink(inLedger: nil)
                == "the live DaemonSet names revision 9, which the ledger does not have")
        #expect(LiveRevision(revision: 3, contentDigest: "sha256:content", chainDigest: "forged").unknownLink(inLedger: Self.ledger)
                == "the live DaemonSet names revision 3 with chain digest forged; the ledger's revision 3 has chain-3")
        #expect(LiveRevision(revision: 3, contentDigest: "sha256:other", chainDigest: nil).unknownLink(inLedger: Self.ledger)
                == "the live DaemonSet names revision 3 with content digest sha256:other; the ledger's revision 3 has sha256:content")
        #expect(LiveRevision(revision: nil, contentDigest: nil, chainDigest: "chain-3").unknownLink(inLedger: Self.ledger)
                == "the live DaemonSet's dsledger.io/revision annotation names no revision number")
    }

    @Test func anUnknownLinkIsAFindingOfItsOwn() {
        let report = DriftReport(release: "ops/agent", revision: 3, items: [], unknownLink: "the live DaemonSet names revision 9, which the ledger does not have")
        #expect(!report.isClean)
        #expect(DriftFormat.human(report, color: false) == "! link not in the ledger: the live DaemonSet names revision 9, which the ledger does not have\n")
        #expect(DriftFormat.json(report).contains("\"unknownLink\": \"the live DaemonSet names revision 9, which the ledger does not have\",\n"))
    }

    @Test func theChainDigestAnnotationIsReadAndNeverDrift() {
        let live: JSONValue = ["apiVersion": "apps/v1", "kind": "DaemonSet",
                               "metadata": ["name": "agent", "annotations": ["dsledger.io/revision": "3", "dsledger.io/chain-digest": "chain-3"]]]
        #expect(LiveRevision(daemonSet: live) == LiveRevision(revision: 3, contentDigest: nil, chainDigest: "chain-3"))
        #expect(DropServerManagedMetadata().normalized(live)["metadata"]?["annotations"] == [:])
    }
}

