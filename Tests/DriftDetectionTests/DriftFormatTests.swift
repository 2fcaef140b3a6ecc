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
        #expect(DriftFormat.json(DriftReport(items: [])) == "{\n  \"release\": null,\n  \"revision\": null,\n  \"items\": []\n}\n")
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
