import KubernetesRules
import ObjectModel
import Testing

@Suite struct VolumeDefaultsTests {
    typealias VolumeCase = DefaultingCase

    static let cases: [VolumeCase] = [
        .init(name: "no source", given: "{name: v}", expected: "{name: v, emptyDir: {}}"),
        .init(name: "null source", given: "{name: v, hostPath: null}", expected: "{name: v, hostPath: null, emptyDir: {}}"),
        .init(name: "emptyDir untouched", given: "{name: v, emptyDir: {medium: Memory}}", expected: "{name: v, emptyDir: {medium: Memory}}"),
        .init(name: "emptyDir sizeLimit canonical", given: "{name: v, emptyDir: {sizeLimit: 1024Mi}}", expected: "{name: v, emptyDir: {sizeLimit: 1Gi}}"),
        .init(name: "hostPath type", given: "{name: v, hostPath: {path: /var/log}}", expected: "{name: v, hostPath: {path: /var/log, type: ''}}"),
        .init(name: "hostPath type kept", given: "{name: v, hostPath: {path: /run/x.lock, type: FileOrCreate}}",
              expected: "{name: v, hostPath: {path: /run/x.lock, type: FileOrCreate}}"),
        .init(name: "secret", given: "{name: v, secret: {secretName: s, optional: true}}",
              expected: "{name: v, secret: {secretName: s, optional: true, defaultMode: 420}}"),
        .init(name: "configMap octal kept", given: "{name: v, configMap: {name: c, defaultMode: 0600, items: [{key: a, path: a}]}}",
              expected: "{name: v, configMap: {name: c, defaultMode: 384, items: [{key: a, path: a}]}}"),
        .init(name: "downwardAPI", given: "{name: v, downwardAPI: {items: [{path: n, fieldRef: {fieldPath: metadata.name}}, {path: c, resourceFieldRef: {resource: limits.cpu}}]}}",
              expected: "{name: v, downwardAPI: {defaultMode: 420, items: [{path: n, fieldRef: {apiVersion: v1, fieldPath: metadata.name}}, {path: c, resourceFieldRef: {resource: limits.cpu}}]}}"),
        .init(name: "projected", given: """
            {name: v, projected: {sources: [{serviceAccountToken: {path: token}}, {downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}}, {configMap: {name: kube-root-ca.crt}}]}}
            """,
              expected: """
            {name: v, projected: {defaultMode: 420, sources: [{serviceAccountToken: {path: token, expirationSeconds: 3600}}, {downwardAPI: {items: [{path: ns, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}]}}, {configMap: {name: kube-root-ca.crt}}]}}
            """),
        .init(name: "ephemeral", given: "{name: v, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}",
              expected: "{name: v, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], volumeMode: Filesystem}}}}"),
        .init(name: "persistentVolumeClaim untouched", given: "{name: v, persistentVolumeClaim: {claimName: c, readOnly: false}}",
              expected: "{name: v, persistentVolumeClaim: {claimName: c, readOnly: false}}"),
        .init(name: "image volume 1.31+", version: "1.33", given: "{name: v, image: {reference: 'tools:latest'}}",
              expected: "{name: v, image: {reference: 'tools:latest', pullPolicy: Always}}"),
        .init(name: "iscsi", given: "{name: v, iscsi: {targetPortal: 't:3260', iqn: q, lun: 0}}",
              expected: "{name: v, iscsi: {targetPortal: 't:3260', iqn: q, lun: 0, iscsiInterface: default}}"),
        .init(name: "rbd", given: "{name: v, rbd: {monitors: [m], image: i}}",
              expected: "{name: v, rbd: {monitors: [m], image: i, pool: rbd, user: admin, keyring: /etc/ceph/keyring}}"),
        .init(name: "azureDisk", given: "{name: v, azureDisk: {diskName: d, diskURI: u}}",
              expected: "{name: v, azureDisk: {diskName: d, diskURI: u, cachingMode: ReadWrite, fsType: ext4, readOnly: false, kind: Shared}}"),
        .init(name: "scaleIO", given: "{name: v, scaleIO: {gateway: g, system: s, secretRef: {name: x}}}",
              expected: "{name: v, scaleIO: {gateway: g, system: s, secretRef: {name: x}, storageMode: ThinProvisioned, fsType: xfs}}"),
    ]

    @Test(arguments: cases)
    func defaultsEachVolumeSource(_ example: VolumeCase) throws {
        let pod = try defaultedPod("containers: [{name: a, image: 'a:1'}]\nvolumes: [\(example.given)]", version: example.version)
        #expect(differences(pod["volumes"]?[0], try yaml(example.expected)) == [])
    }

    @Test func leavesVolumeMountsAlone() throws {
        let container = try defaultedContainer("name: a\nimage: a:1\nvolumeMounts: [{name: v, mountPath: /v, readOnly: false}]")
        #expect(container["volumeMounts"] == [["name": "v", "mountPath": "/v", "readOnly": false]])
    }
}
