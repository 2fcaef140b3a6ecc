@testable import KubernetesRules
import ObjectModel
import Testing

@Suite struct ContainerDefaultsTests {
    @Test(arguments: [
        ("nginx", "Always"), ("nginx:latest", "Always"), ("docker.io/library/nginx:1.27", "IfNotPresent"),
        ("registry.local:5000/team/agent", "Always"), ("registry.local:5000/team/agent:v2", "IfNotPresent"),
        ("quay.io/prometheus/node-exporter@sha256:" + String(repeating: "a", count: 64), "IfNotPresent"),
        ("agent:latest@sha256:" + String(repeating: "b", count: 64), "Always"),
        ("agent:1.0@sha256:" + String(repeating: "c", count: 64), "IfNotPresent"),
        ("localhost/agent", "Always"), ("Upper/Case:1", "IfNotPresent"), ("bad name", "IfNotPresent"),
        ("Agent", "IfNotPresent"), ("", "IfNotPresent"), ("agent:", "IfNotPresent"),
    ])
    func defaultsImagePullPolicyFromTheReference(image: String, policy: String) {
        #expect(ImagePullPolicy.default(for: image) == policy)
    }

    @Test func fillsPortsEnvAndLifecycleDefaults() throws {
        let container = try defaultedContainer("""
            name: agent
            image: agent:1
            ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
            env:
            - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
            - {name: OLD, valueFrom: {fieldRef: {apiVersion: v2, fieldPath: x}}}
            - {name: PLAIN, value: x}
            - {name: FILE, valueFrom: {fileKeyRef: {path: a, key: b, volumeName: v}}}
            lifecycle:
              preStop: {httpGet: {port: 80}}
              postStart: {exec: {command: [true]}}
            """)
        let expected = try yaml("""
            name: agent
            image: agent:1
            imagePullPolicy: IfNotPresent
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            ports: [{containerPort: 80, protocol: TCP}, {containerPort: 53, protocol: UDP}]
            env:
            - {name: NODE, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: spec.nodeName}}}
            - {name: OLD, valueFrom: {fieldRef: {apiVersion: v2, fieldPath: x}}}
            - {name: PLAIN, value: x}
            - {name: FILE, valueFrom: {fileKeyRef: {path: a, key: b, volumeName: v, optional: false}}}
            lifecycle:
              preStop: {httpGet: {port: 80, path: /, scheme: HTTP}}
              postStart: {exec: {command: [true]}}
            """)
        #expect(differences(container, expected) == [])
    }

    @Test func defaultsInitAndEphemeralContainersToo() throws {
        let pod = try defaultedPod("""
            containers: [{name: a, image: 'a:1'}]
            initContainers: [{name: i, image: 'i'}]
            ephemeralContainers: [{name: e, image: 'e:1'}]
            """)
        #expect(pod["initContainers"]?[0]?["imagePullPolicy"] == "Always")
        #expect(pod["initContainers"]?[0]?["terminationMessagePolicy"] == "File")
        #expect(pod["ephemeralContainers"]?[0]?["terminationMessagePath"] == "/dev/termination-log")
    }

    @Test func canonicalizesResourceQuantities() throws {
        let container = try defaultedContainer("""
            name: a
            image: a:1
            resources:
              limits: {cpu: 0.5, memory: 1.5Gi, ephemeral-storage: 1024Mi}
              requests: {cpu: 1, memory: 0.1m}
            """)
        #expect(container["resources"] == (try yaml("""
            limits: {cpu: 500m, memory: 1536Mi, ephemeral-storage: 1Gi}
            requests: {cpu: "1", memory: 1m}
            """)))
    }

    @Test func leavesSecurityContextAloneExceptProcMountOn112And113() throws {
        let given = "name: a\nimage: a:1\nsecurityContext: {privileged: false, runAsNonRoot: false}"
        #expect(try defaultedContainer(given, version: "1.14")["securityContext"] == ["privileged": false, "runAsNonRoot": false])
        #expect(try defaultedContainer(given, version: "1.11")["securityContext"] == ["privileged": false, "runAsNonRoot": false])
        for version in ["1.12", "1.13"] {
            let context = try defaultedContainer(given, version: version)["securityContext"]
            #expect(context == ["privileged": false, "runAsNonRoot": false, "procMount": "Default"])
            #expect(try defaultedContainer("name: a\nimage: a:1", version: version)["securityContext"] == nil)
        }
    }
}
