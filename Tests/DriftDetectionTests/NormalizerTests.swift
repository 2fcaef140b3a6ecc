import ObjectModel
import Testing
@testable import DriftDetection

/// One test (or more) per normalisation rule.
@Suite struct NormalizerTests {
    @Test func dropStatusRemovesStatusOnly() {
        let object: JSONValue = ["kind": "DaemonSet", "spec": ["a": 1], "status": ["numberReady": 3]]
        #expect(DropStatus().normalized(object) == ["kind": "DaemonSet", "spec": ["a": 1]])
    }

    @Test func dropServerManagedMetadataKeepsUserMetadata() throws {
        let live = try object("""
            metadata:
              annotations:
                deprecated.daemonset.template.generation: "4"
                kubectl.kubernetes.io/last-applied-configuration: '{"kind":"DaemonSet"}'
                dsledger.io/revision: "5"
                team: infra
              creationTimestamp: "2026-01-01T00:00:00Z"
              generation: 4
              labels: {app: a}
              managedFields: [{manager: kubectl}]
              name: a
              ownerReferences: [{kind: Foo, name: f}]
              resourceVersion: "99"
              selfLink: /apis/apps/v1/namespaces/n/daemonsets/a
              uid: 6b131de4-658e-41ed-87d5-79ddc7e2d320
            spec: {templateGeneration: 4, revisionHistoryLimit: 10}
            """)
        #expect(DropServerManagedMetadata().normalized(live) == [
            "metadata": ["annotations": ["team": "infra"], "labels": ["app": "a"], "name": "a"],
            "spec": ["revisionHistoryLimit": 10],
        ])
    }

    @Test func dropNamespaceServerFields() throws {
        let live = try object("""
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ingress-nginx",
              "labels": {"kubernetes.io/metadata.name": "ingress-nginx", "team": "edge"}},
             "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}
            """)
        #expect(DropNamespaceServerFields().normalized(live) == [
            "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ingress-nginx", "labels": ["team": "edge"]],
            "spec": [:],
        ])
        let configMap: JSONValue = ["kind": "ConfigMap", "spec": ["finalizers": ["x"]]]
        #expect(DropNamespaceServerFields().normalized(configMap) == configMap)
    }

    @Test func dropServiceAccountTokenSecretsKeepsOtherSecrets() {
        let account: JSONValue = ["kind": "ServiceAccount", "metadata": ["name": "flannel"],
                                  "secrets": [["name": "flannel-token-4pd8x"], ["name": "registry"]]]
        #expect(DropServiceAccountTokenSecrets().normalized(account)["secrets"] == [["name": "registry"]])
    }

    @Test func dropNullsRemovesNullMembersAtAnyDepth() {
        let object: JSONValue = ["metadata": ["annotations": .null, "name": "a"],
                                 "spec": ["template": ["metadata": ["creationTimestamp": .null]]], "list": [.null, 1]]
        #expect(DropNulls().normalized(object) == ["metadata": ["name": "a"], "spec": ["template": ["metadata": [:]]],
                                                   "list": [.null, 1]])
    }

    @Test func dropOmitEmptyZeroValuesKeepsPointerFieldsAndUserMaps() {
        let container: JSONValue = [
            "securityContext": ["privileged": false, "allowPrivilegeEscalation": false],
            "volumeMounts": [["mountPath": "/a", "readOnly": false]],
            "env": [["name": "E", "value": ""]],
            "labels": ["value": "", "readOnly": "false"],
        ]
        #expect(DropOmitEmptyZeroValues().normalized(container) == [
            "securityContext": ["privileged": false, "allowPrivilegeEscalation": false],
            "volumeMounts": [["mountPath": "/a"]],
            "env": [["name": "E"]],
            "labels": ["value": "", "readOnly": "false"],
        ])
    }

    @Test func dropEmptyCollectionsCascadesButKeepsEmptyDir() {
        let spec: JSONValue = ["securityContext": [:], "containers": [["name": "a", "args": [], "resources": ["limits": [:]]]],
                               "volumes": [["name": "v", "emptyDir": [:]]]]
        #expect(DropEmptyCollections().normalized(spec) == [
            "containers": [["name": "a"]], "volumes": [["name": "v", "emptyDir": [:]]],
        ])
    }

    @Test func foldSealedStringDataKeepsMarkers() {
        let secret: JSONValue = ["kind": "Secret", "data": ["A": .string(marker("a"))],
                                 "stringData": ["A": .string(marker("b")), "B": .string(marker("c"))]]
        #expect(FoldSealedStringData().normalized(secret) == [
            "kind": "Secret", "data": ["A": .string(marker("b")), "B": .string(marker("c"))],
        ])
    }

    @Test func redactUnsealedSecretValues() {
        let secret: JSONValue = ["kind": "Secret", "data": ["A": .string(marker("a")), "B": "c2VjcmV0"]]
        #expect(RedactUnsealedSecretValues().normalized(secret)["data"] == [
            "A": .string(marker("a")), "B": .string(RedactUnsealedSecretValues.placeholder),
        ])
    }

    @Test func appliedSideGetsTheServerDefaultsOfItsVersion() throws {
        let applied = try object(Fixtures.appliedDaemonSet)
        let old = DriftNormalization(version: version(20)).applied(applied)
        let new = DriftNormalization(version: version(33)).applied(applied)
        #expect(old.value(atMemberPath: "spec.updateStrategy.rollingUpdate") == ["maxUnavailable": 1])
        #expect(new.value(atMemberPath: "spec.updateStrategy.rollingUpdate") == ["maxUnavailable": 1, "maxSurge": 0])
        let port = old.value(atMemberPath: "spec.template.spec")?["containers"]?.arrayValue?.first?["ports"]
        #expect(port == [["name": "metrics", "containerPort": 9100, "hostPort": 9100, "protocol": "TCP"]])
    }
}
