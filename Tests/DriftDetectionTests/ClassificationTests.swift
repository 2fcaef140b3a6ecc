import ObjectModel
import StructuralDiff
import Testing
@testable import DriftDetection

/// Each class of drift is found, classified and attributed.
@Suite struct ClassificationTests {
    static let containers = "spec.template.spec.containers"
    static let app = "spec.template.spec.containers[name=app]"

    /// The live 1.33 DaemonSet with text replaced and one more managedFields entry.
    static func live(_ replacements: [(String, String)] = [], manager: String? = nil, fields: String = "{}") throws -> JSONValue {
        var text = Fixtures.liveDaemonSet(minor: 33)
        for (old, new) in replacements {
            #expect(text.contains(old), "the fixture has no '\(old)'")
            text = text.replacingOccurrences(of: old, with: new)
        }
        if let manager {
            text = text.replacingOccurrences(of: "  managedFields:\n", with: """
                  managedFields:
                  - {manager: \(manager), operation: Update, time: "2026-11-02T10:14:03Z", fieldsType: FieldsV1, fieldsV1: \(fields)}

                """)
        }
        return try object(text)
    }

    static func applied() throws -> JSONValue { try object(Fixtures.appliedDaemonSet) }

    static func underContainer(_ inner: String) -> String {
        #"{"f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\"name\":\"app\"}": "# + inner + "}}}}}"
    }

    @Test func changedImageIsAttributedToItsEditor() throws {
        let live = try Self.live([("image: example.com/agent:1.0", "image: example.com/agent:1.1")],
                                 manager: "kubectl-edit", fields: Self.underContainer(#"{"f:image": {}}"#))
        let items = drift(try Self.applied(), live)
        try #require(items.count == 1)
        #expect(items[0] == DriftItem(object: ObjectIdentity(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "agents", name: "agent"),
                                      path: FieldPath(dotted: "spec.template.spec").field("containers").keyed("name", "app").field("image"),
                                      change: .changed, expected: "example.com/agent:1.0", live: "example.com/agent:1.1",
                                      manager: "kubectl-edit", operation: "Update", time: "2026-11-02T10:14:03Z"))
        #expect(items[0].path.description == "\(Self.app).image")
    }

    @Test func fieldsNobodySetAreAddedDrift() throws {
        let live = try Self.live([
            ("      hostNetwork: true\n", "      hostNetwork: true\n      hostPID: true\n"),
            ("        - name: LEVEL\n", "        - name: DEBUG\n          value: \"1\"\n        - name: LEVEL\n"),
            ("\n      dnsPolicy: ClusterFirst\n", "\n      - name: sidecar\n        image: example.com/sidecar:2\n      dnsPolicy: ClusterFirst\n"),
        ], manager: "kubectl-patch", fields: #"{"f:spec": {"f:template": {"f:spec": {"f:hostPID": {}}}}}"#)
        let items = drift(try Self.applied(), live)
        #expect(summary(items) == [
            "added \(Self.app).env[name=DEBUG]",
            "added \(Self.containers)[name=sidecar]",
            "added spec.template.spec.hostPID",
        ])
        let hostPID = try #require(items.last)
        #expect(hostPID.live == true && hostPID.expected == nil)
        #expect(hostPID.manager == "kubectl-patch" && hostPID.time == "2026-11-02T10:14:03Z")
        #expect(items[1].live == ["name": "sidecar", "image": "example.com/sidecar:2"] && items[1].manager == nil)
    }

    @Test func hostNetworkSwitchedOnIsDrift() throws {
        let applied = try object(Fixtures.appliedDaemonSet.replacingOccurrences(of: "      hostNetwork: true\n", with: ""))
        let live = try Self.live()
        #expect(summary(drift(applied, live)) == ["added spec.template.spec.hostNetwork"])
    }

    @Test func resourcesNeverSetAreDrift() throws {
        let applied = try Self.applied()
        let live = try Self.live([("    cpu: 500m\n", "    cpu: 500m\n            ephemeral-storage: 2Gi\n")])
        let items = drift(applied, live)
        #expect(summary(items) == ["added \(Self.app).resources.limits.ephemeral-storage"])
        #expect(items.first?.live == "2Gi")
    }

    @Test func removedEnvVarIsAttributedToWhoeverNowOwnsTheList() throws {
        let live = try Self.live([("        - name: LEVEL\n          value: info\n", "")],
                                 manager: "kubectl-edit", fields: Self.underContainer(#"{"f:env": {".": {}}}"#))
        let items = drift(try Self.applied(), live)
        #expect(summary(items) == ["removed \(Self.app).env[name=LEVEL]"])
        #expect(items.first?.expected == ["name": "LEVEL", "value": "info"])
        #expect(items.first?.manager == "kubectl-edit" && items.first?.operation == "Update")
    }

    @Test func removedPointerFalseIsDrift() throws {
        let live = try Self.live([("        securityContext:\n          privileged: false\n", "")])
        #expect(summary(drift(try Self.applied(), live)) == ["removed \(Self.app).securityContext"])
    }

    @Test func aWholeObjectGoneIsRemoved() throws {
        let configMap = try object("""
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "agent-config", "namespace": "agents"}, "data": {"a": "1"}}
            """)
        let items = DriftDetector(version: version(33)).items(applied: [try Self.applied(), configMap], live: [try Self.live()])
        #expect(items.map(\.object.kind) == ["ConfigMap"])
        #expect(items.first?.change == .removed && items.first?.path.isEmpty == true && items.first?.manager == nil)
    }

    @Test func reorderedEnvIsReportedAsAReorder() throws {
        let live = try Self.live([("        - name: LEVEL\n          value: info\n", ""),
                                  ("          fieldPath: spec.nodeName\n", "          fieldPath: spec.nodeName\n        - name: LEVEL\n          value: info\n")])
        let items = drift(try Self.applied(), live)
        #expect(summary(items) == ["reordered \(Self.app).env"])
        #expect(items.first?.expected == ["LEVEL", "EMPTY", "NODE"])
        #expect(items.first?.live == ["EMPTY", "NODE", "LEVEL"])
        #expect(items.first?.manager == "dsledger" && items.first?.operation == "Apply")
    }

    @Test func secretChangesShowOnlyFingerprints() throws {
        let applied = try object("""
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "agent-env", "namespace": "agents"},
             "data": {"TOKEN": "\(marker("a"))", "USER": "\(marker("c"))"}}
            """)
        let live = try object("""
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "agent-env", "namespace": "agents"},
             "data": {"TOKEN": "\(marker("b"))", "USER": "\(marker("c"))"}, "type": "Opaque"}
            """)
        let items = drift(applied, live)
        #expect(summary(items) == ["secretChanged data.TOKEN"])
        #expect(items.first?.expected == "sha256:aaaaaaaa…" && items.first?.live == "sha256:bbbbbbbb…")
        let printed = DriftFormat.human(DriftReport(items: items), color: false) + DriftFormat.json(DriftReport(items: items))
        #expect(!printed.contains(String(repeating: "a", count: 9)) && !printed.contains(String(repeating: "b", count: 9)))
    }

    @Test func unsealedLiveSecretValuesNeverReachTheReport() throws {
        let applied = try object("""
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "n"}, "data": {"TOKEN": "\(marker("a"))"}}
            """)
        let live = try object("""
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "n"}, "data": {"TOKEN": "aHVudGVyMg=="}}
            """)
        let items = drift(applied, live)
        #expect(items.first?.live == .string(RedactUnsealedSecretValues.placeholder))
        #expect(!DriftFormat.json(DriftReport(items: items)).contains("aHVudGVyMg"))
    }

    @Test func withoutManagedFieldsNothingIsAttributed() throws {
        var live = try Self.live([("image: example.com/agent:1.0", "image: example.com/agent:2.0")])
        live.removeMember(atMemberPath: "metadata.managedFields")
        let items = drift(try Self.applied(), live)
        #expect(items.count == 1 && items[0].manager == nil && items[0].operation == nil && items[0].time == nil)
    }
}
