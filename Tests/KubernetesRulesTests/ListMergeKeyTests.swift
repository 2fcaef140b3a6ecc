import KubernetesRules
import Testing

/// The merge keys pinned against the `patchMergeKey` and `listMapKey` markers of `k8s.io/api`
/// (core/v1, meta/v1), as https://kubernetes.io/docs/reference/kubernetes-api/ lists them.
@Suite struct ListMergeKeyTests {
    @Test(arguments: [
        ("containers", "name"), ("initContainers", "name"), ("ephemeralContainers", "name"), ("volumes", "name"),
        ("env", "name"), ("imagePullSecrets", "name"), ("volumeMounts", "mountPath"), ("volumeDevices", "devicePath"),
        ("ports", "containerPort"), ("hostAliases", "ip"), ("ownerReferences", "uid"), ("resourceClaims", "name"),
        ("topologySpreadConstraints", "topologyKey"),
    ])
    func patchMergeKeyIsKubernetes(field: String, key: String) throws {
        #expect(try #require(ListMergeKey.forList(named: field)).patchMergeKey == key)
    }

    @Test func volumeDevicesAreKeyedByDevicePathNotMountPath() throws {
        let devices = try #require(ListMergeKey.forList(named: "volumeDevices"))
        #expect(devices.patchMergeKey == "devicePath")
        #expect(devices.listMapKeys == ["devicePath"])
    }

    @Test func containerPortsAreKeyedByPortAndProtocolWithTCPByDefault() throws {
        #expect(try #require(ListMergeKey.forList(named: "ports")).listMapKeys == ["containerPort", "protocol"])
        #expect(ListMergeKey.defaultValue(ofKeyField: "protocol") == "TCP")
        #expect(ListMergeKey.defaultValue(ofKeyField: "name") == nil)
    }

    @Test(arguments: ["tolerations", "args", "command", "add", "drop", "rules"])
    func atomicListsHaveNoKey(field: String) {
        #expect(ListMergeKey.forList(named: field) == nil)
    }
}
