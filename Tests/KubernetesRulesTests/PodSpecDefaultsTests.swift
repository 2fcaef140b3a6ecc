import KubernetesRules
import ObjectModel
import Testing

@Suite struct PodSpecDefaultsTests {
    @Test func fillsPodSpecDefaultsAndNothingPodOnly() throws {
        let pod = try defaultedPod("""
            containers:
            - name: agent
              image: agent:2.1
              resources: {limits: {cpu: 500m, memory: 64Mi}}
            """)
        let expected = try yaml("""
            containers:
            - name: agent
              image: agent:2.1
              imagePullPolicy: IfNotPresent
              resources: {limits: {cpu: 500m, memory: 64Mi}}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
            """)
        // No enableServiceLinks, no requests copied from limits, no tolerations (A.7).
        #expect(differences(pod, expected) == [])
    }

    @Test func keepsWhatTheUserSet() throws {
        let given = """
            containers: [{name: a, image: "a:1", imagePullPolicy: Always, terminationMessagePath: /x, terminationMessagePolicy: FallbackToLogsOnError}]
            dnsPolicy: ClusterFirstWithHostNet
            restartPolicy: Always
            schedulerName: custom
            securityContext: {runAsUser: 1}
            terminationGracePeriodSeconds: 0
            serviceAccountName: agent
            serviceAccount: agent
            """
        #expect(differences(try defaultedPod(given), try yaml(given)) == [])
    }

    @Test func emptyStringsAreDefaulted() throws {
        let pod = try defaultedPod("containers: [{name: a, image: 'a:1', imagePullPolicy: ''}]\ndnsPolicy: ''\nschedulerName: ''")
        #expect(pod["dnsPolicy"] == "ClusterFirst")
        #expect(pod["schedulerName"] == "default-scheduler")
        #expect(pod["containers"]?[0]?["imagePullPolicy"] == "IfNotPresent")
    }

    @Test(arguments: [
        ("serviceAccountName: agent", "agent", "agent"),
        ("serviceAccount: legacy", "legacy", "legacy"),
        ("serviceAccountName: new\nserviceAccount: old", "new", "new"),
        ("serviceAccountName: ''\nserviceAccount: old", "old", "old"),
    ])
    func mirrorsTheServiceAccountAlias(given: String, name: String, alias: String) throws {
        let pod = try defaultedPod("containers: [{name: a, image: 'a:1'}]\n" + given)
        #expect(pod["serviceAccountName"] == .string(name))
        #expect(pod["serviceAccount"] == .string(alias))
    }

    @Test func addsNoServiceAccountWhenNoneIsNamed() throws {
        let pod = try defaultedPod("containers: [{name: a, image: 'a:1'}]")
        #expect(pod["serviceAccount"] == nil && pod["serviceAccountName"] == nil)
    }

    static let hostNetworkPod = """
        hostNetwork: true
        initContainers: [{name: i, image: 'i:1', ports: [{containerPort: 7000}]}]
        containers:
        - name: a
          image: a:1
          ports:
          - {containerPort: 9100, name: metrics}
          - {containerPort: 9101, hostPort: 0}
          - {containerPort: 9102, hostPort: 19102, protocol: UDP}
        """

    @Test func copiesHostPortsUnderHostNetworkUpTo127() throws {
        let pod = try defaultedPod(Self.hostNetworkPod, version: "1.27")
        let ports = try #require(pod["containers"]?[0]?["ports"])
        #expect(ports == (try yaml("""
            - {containerPort: 9100, hostPort: 9100, name: metrics, protocol: TCP}
            - {containerPort: 9101, hostPort: 9101, protocol: TCP}
            - {containerPort: 9102, hostPort: 19102, protocol: UDP}
            """)))
        #expect(pod["initContainers"]?[0]?["ports"] == [["containerPort": 7000, "hostPort": 7000, "protocol": "TCP"]])
    }

    @Test(arguments: ["1.28", "1.30", "1.33", "1.36"])
    func leavesHostPortsAloneFrom128(version: String) throws {
        let pod = try defaultedPod(Self.hostNetworkPod, version: version)
        #expect(pod["containers"]?[0]?["ports"]?[0] == ["containerPort": 9100, "name": "metrics", "protocol": "TCP"])
        #expect(pod["containers"]?[0]?["ports"]?[1] == ["containerPort": 9101, "hostPort": 0, "protocol": "TCP"])
    }

    @Test func copiesNoHostPortsWithoutHostNetwork() throws {
        let pod = try defaultedPod(Self.hostNetworkPod.replacingOccurrences(of: "hostNetwork: true", with: "hostNetwork: false"),
                                   version: "1.20")
        #expect(pod["containers"]?[0]?["ports"]?[0]?["hostPort"] == nil)
    }
}

extension JSONValue {
    /// The element at `index` of an array.
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
