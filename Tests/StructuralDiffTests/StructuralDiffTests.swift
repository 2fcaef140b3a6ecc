import ObjectModel
import StructuralDiff
import Testing

@Suite(.tags(.small)) struct StructuralDiffTests {
    @Test func equalObjectsHaveNoChanges() throws {
        let object = try Fixture.daemonSet("containers: [{name: app, env: [{name: A, value: b}]}]")
        #expect(ObjectDiff.changes(from: [object], to: [object]).isEmpty)
        #expect(ObjectDiff.changes(from: [], to: []).isEmpty)
    }

    @Test func reorderAndInsertInAKeyedList() throws {
        let old = try Fixture.daemonSet("containers: [{name: app, env: [{name: A, value: '1'}, {name: B, value: '2'}]}]")
        let new = try Fixture.daemonSet("containers: [{name: app, env: [{name: B, value: '2'}, {name: C, value: '3'}, {name: A, value: '1'}]}]")
        let env = Fixture.podPath(.field("containers"), .keyed("name", "app"), .field("env"))
        #expect(ObjectDiff.changes(from: [old], to: [new]) == [
            Change(object: Fixture.agent, path: env, kind: .reordered, old: ["A", "B"], new: ["B", "A"]),
            Change(object: Fixture.agent, path: env.keyed("name", "C"), kind: .added, new: ["name": "C", "value": "3"], newIndex: 1),
        ])
    }

    @Test func portsDefaultToTCP() throws {
        let old = try Fixture.daemonSet("containers: [{name: app, ports: [{containerPort: 2020}]}]")
        let new = try Fixture.daemonSet("containers: [{name: app, ports: [{containerPort: 2020, protocol: TCP}]}]")
        let port = Fixture.podPath(.field("containers"), .keyed("name", "app"), .field("ports"), .keyed("containerPort", "2020,protocol=TCP"))
        #expect(ObjectDiff.changes(from: [old], to: [new]) == [
            Change(object: Fixture.agent, path: port.field("protocol"), kind: .added, new: "TCP"),
        ])
    }

    @Test func tolerationAddedToASet() throws {
        let old = try Fixture.daemonSet("tolerations: [{operator: Exists}]")
        let new = try Fixture.daemonSet("tolerations: [{key: a, operator: Exists}, {operator: Exists}]")
        #expect(ObjectDiff.changes(from: [old], to: [new]) == [
            Change(object: Fixture.agent, path: Fixture.podPath(.field("tolerations"), .index(0)), kind: .added,
                   new: ["key": "a", "operator": "Exists"], newIndex: 0),
        ])
    }

    @Test func anIntegerBecomingAStringIsAChange() throws {
        let old = try Fixture.yaml("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: logging}
            spec: {updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}}
            """)
        var new = old
        new["spec"]?["updateStrategy"]?["rollingUpdate"]?["maxUnavailable"] = "10%"
        let changes = ObjectDiff.changes(from: [old], to: [new])
        #expect(changes == [
            Change(object: Fixture.agent, path: FieldPath(dotted: "spec.updateStrategy.rollingUpdate.maxUnavailable"),
                   kind: .changed, old: 1, new: "10%"),
        ])
        #expect(DiffFormat.human(changes, color: false) == """
            DaemonSet logging/agent
              ~ spec.updateStrategy.rollingUpdate.maxUnavailable: 1 → "10%"

            """)
    }

    @Test func nullAndAbsentDiffer() throws {
        let old: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["a": .null]]
        let new: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": [:]]
        let identity = ObjectIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: .none, name: "c")
        #expect(ObjectDiff.changes(from: [old], to: [new]) == [
            Change(object: identity, path: FieldPath(dotted: "data.a"), kind: .removed, old: .null),
        ])
    }

    @Test func objectsAreMatchedByIdentity() throws {
        let configMap = try Fixture.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: conf, namespace: logging}, data: {a: b}}")
        let clusterRole = try Fixture.yaml("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: 'logging:agent'}, rules: []}")
        let daemonSet = try Fixture.daemonSet("containers: [{name: app}]")
        // The same name in another namespace, and another apiVersion, are other objects.
        var elsewhere = configMap
        elsewhere["metadata"]?["namespace"] = "kube-system"
        var otherVersion = clusterRole
        otherVersion["apiVersion"] = "rbac.authorization.k8s.io/v1beta1"

        let changes = ObjectDiff.changes(from: [daemonSet, clusterRole, configMap], to: [elsewhere, daemonSet, otherVersion])
        #expect(changes.map { "\($0.kind) \($0.object)" } == [
            "removed rbac.authorization.k8s.io/v1/ClusterRole/logging:agent",
            "added rbac.authorization.k8s.io/v1beta1/ClusterRole/logging:agent",
            "added v1/ConfigMap/kube-system/conf",
            "removed v1/ConfigMap/logging/conf",
        ])
        #expect(changes.allSatisfy { $0.path.isEmpty })
        #expect(changes[0] == Change(object: ObjectIdentity(clusterRole), path: FieldPath(), kind: .removed, old: clusterRole))
        #expect(changes[2] == Change(object: ObjectIdentity(elsewhere), path: FieldPath(), kind: .added, new: elsewhere))
        #expect(ObjectIdentity(clusterRole).namespace == nil)
        #expect(Fixture.human([daemonSet, clusterRole, configMap], [elsewhere, daemonSet, otherVersion]) == """
            - ClusterRole logging:agent (removed)
            + ClusterRole logging:agent (added)
            + ConfigMap kube-system/conf (added)
            - ConfigMap logging/conf (removed)

            """)
    }

    @Test func positionalRulesOfAClusterRole() throws {
        let old = try Fixture.yaml("""
            {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: 'logging:agent'},
             rules: [{apiGroups: [''], resources: [pods], verbs: [get, list]}]}
            """)
        let new = try Fixture.yaml("""
            {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: 'logging:agent'},
             rules: [{apiGroups: [''], resources: [pods, namespaces], verbs: [list, get, watch]}, {apiGroups: [apps], resources: [daemonsets], verbs: [get]}]}
            """)
        #expect(Fixture.human([old], [new]) == """
            ClusterRole logging:agent
              + rules[0].resources[1]: namespaces
              ~ rules[0].verbs[0]: get → list
              ~ rules[0].verbs[1]: list → get
              + rules[0].verbs[2]: watch
              + rules[1]: {"apiGroups":["apps"],"resources":["daemonsets"],"verbs":["get"]}

            """)
    }

    @Test func labelsWithDotsReadInBrackets() throws {
        let old = try Fixture.yaml("{apiVersion: v1, kind: ServiceAccount, metadata: {name: agent, namespace: logging, labels: {app.kubernetes.io/name: agent}}}")
        var new = old
        new["metadata"]?["labels"]?["app.kubernetes.io/name"] = "collector"
        new["metadata"]?["labels"]?["tier"] = "node"
        let changes = ObjectDiff.changes(from: [old], to: [new])
        #expect(DiffFormat.human(changes, color: false) == """
            ServiceAccount logging/agent
              ~ metadata.labels[app.kubernetes.io/name]: agent → collector
              + metadata.labels.tier: node

            """)
        #expect(ChangeApplication.applying(changes, to: [old]) == [new])
    }
}
