import KubernetesRules
import ObjectModel
import Testing

/// Effective pod requests as the scheduler counts them.
@Suite struct PodRequestsTests {
    @Test func containersAddUpInitContainersSetAFloorAndOverheadAdds() throws {
        let spec = try yaml("""
            containers:
            - {name: a, resources: {requests: {cpu: 250m, memory: 64Mi}}}
            - {name: b, resources: {limits: {cpu: "1"}}}
            initContainers:
            - {name: setup, resources: {requests: {memory: 1Gi}}}
            overhead: {cpu: 100m}
            """)
        let requests = PodRequests.effective(spec)
        #expect(abs((requests["cpu"] ?? 0) - 1.35) < 1e-9)
        #expect(requests["memory"] == 1_073_741_824)
    }

    @Test func aLimitStandsInForAMissingRequest() throws {
        let container = try yaml("resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 100m}}")
        #expect(PodRequests.container(container) == ["cpu": 0.1, "memory": 1_073_741_824])
    }
}
