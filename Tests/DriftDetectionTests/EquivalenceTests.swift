import ObjectModel
import Testing
@testable import DriftDetection

/// Spellings the server rewrites are no drift; real value changes are.
@Suite struct EquivalenceTests {
    static func daemonSet(resources: String, volume: String = "{name: cache, emptyDir: {}}", extra: String = "") throws -> JSONValue {
        try object("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: agents\(extra)}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers:
                  - {name: app, image: "example.com/agent:1.0", resources: \(resources)}
                  volumes:
                  - \(volume)
            """)
    }

    @Test(arguments: [
        ("{limits: {cpu: 1000m, memory: 1Gi}}", "{limits: {cpu: \"1\", memory: 1024Mi}}"),
        ("{limits: {cpu: 1}}", "{limits: {cpu: \"1\"}}"),
        ("{requests: {cpu: 0.25, memory: 1.5Gi}}", "{requests: {cpu: 250m, memory: 1536Mi}}"),
        ("{requests: {cpu: 1e3}}", "{requests: {cpu: 1k}}"),
    ])
    func quantitiesCompareByValue(applied: String, live: String) throws {
        let items = drift(try Self.daemonSet(resources: applied), try Self.daemonSet(resources: live))
        #expect(summary(items) == [])
    }

    @Test func aDifferentQuantityIsDrift() throws {
        let items = drift(try Self.daemonSet(resources: "{limits: {cpu: 500m}}"), try Self.daemonSet(resources: "{limits: {cpu: \"1\"}}"))
        #expect(summary(items) == ["changed spec.template.spec.containers[name=app].resources.limits.cpu"])
        #expect(items.first?.expected == "500m" && items.first?.live == "1")
    }

    @Test func sizeLimitsCompareByValue() throws {
        let applied = try Self.daemonSet(resources: "{}", volume: "{name: cache, emptyDir: {sizeLimit: 1.5Gi}}")
        let live = try Self.daemonSet(resources: "{}", volume: "{name: cache, emptyDir: {sizeLimit: 1536Mi}}")
        #expect(summary(drift(applied, live)) == [])
    }

    @Test func fileModesCompareNumerically() throws {
        let applied = try Self.daemonSet(resources: "{}", volume: "{name: c, secret: {secretName: s, defaultMode: 0600, items: [{key: k, path: p, mode: 0400}]}}")
        let live = try Self.daemonSet(resources: "{}", volume: "{name: c, secret: {secretName: s, defaultMode: 384, items: [{key: k, path: p, mode: 256}]}}")
        #expect(summary(drift(applied, live)) == [])
        #expect(ValueEquivalence.areEquivalent("0644", 420, at: FieldPath(dotted: "secret.defaultMode")))
        #expect(!ValueEquivalence.areEquivalent("0644", 420, at: FieldPath(dotted: "metadata.name")))
    }

    @Test func explicitNullEqualsAbsent() throws {
        let applied = try Self.daemonSet(resources: "null", extra: ", annotations: null, labels: null")
        let live = try Self.daemonSet(resources: "{}")
        #expect(summary(drift(applied, live)) == [])
    }

    @Test func omitemptyZeroValuesEqualAbsent() throws {
        let applied = try object("""
            {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "a", "namespace": "n"},
             "spec": {"minReadySeconds": 0, "selector": {"matchLabels": {"app": "a"}},
              "template": {"metadata": {"labels": {"app": "a"}}, "spec": {"hostPID": false, "containers": [
               {"name": "app", "image": "x:1", "stdin": false, "args": [], "env": [{"name": "E", "value": ""}],
                "livenessProbe": {"exec": {"command": ["true"]}, "initialDelaySeconds": 0},
                "volumeMounts": [{"name": "v", "mountPath": "/v", "readOnly": false}]}],
               "volumes": [{"name": "v", "emptyDir": {}}]}}}}
            """)
        let live = try object("""
            {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "a", "namespace": "n"},
             "spec": {"selector": {"matchLabels": {"app": "a"}},
              "template": {"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [
               {"name": "app", "image": "x:1", "env": [{"name": "E"}],
                "livenessProbe": {"exec": {"command": ["true"]}},
                "volumeMounts": [{"name": "v", "mountPath": "/v"}]}],
               "volumes": [{"name": "v", "emptyDir": {}}]}}}}
            """)
        // The live object lacks the defaults a real server would add: the applied side's are "default-only".
        #expect(summary(drift(applied, live)) == [])
    }

    @Test func anEmptyStringLabelIsKept() throws {
        let applied = try Self.daemonSet(resources: "{}", extra: ", labels: {tier: \"\", team: a}")
        let live = try Self.daemonSet(resources: "{}", extra: ", labels: {team: a}")
        #expect(summary(drift(applied, live)) == ["removed metadata.labels.tier"])
    }
}
