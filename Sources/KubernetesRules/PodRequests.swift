import ObjectModel

/// What a pod asks of its node, as the scheduler's resource fit counts it
/// (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-requests-are-scheduled
/// and https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers ).
public enum PodRequests {
    /// The effective requests of a pod spec, by resource (`cpu` in cores, `memory` in bytes):
    /// the sum over its containers, at least the largest request of any init container, plus
    /// the pod's `overhead`.
    public static func effective(_ spec: JSONValue) -> [String: Double] {
        var sum: [String: Double] = [:]
        for container in spec["containers"]?.arrayValue ?? [] {
            for (resource, amount) in Self.container(container) { sum[resource, default: 0] += amount }
        }
        for container in spec["initContainers"]?.arrayValue ?? [] {
            for (resource, amount) in Self.container(container) { sum[resource] = max(sum[resource] ?? 0, amount) }
        }
        for (resource, value) in spec["overhead"]?.objectValue ?? [:] {
            sum[resource, default: 0] += Quantity.amount(of: value) ?? 0
        }
        return sum
    }

    /// A container's requests by resource; a limit stands in for a missing request, as the API
    /// server defaults requests from limits on pods (`SetDefaults_Pod`).
    public static func container(_ container: JSONValue) -> [String: Double] {
        let requests = container["resources"]?["requests"]?.objectValue ?? [:]
        let limits = container["resources"]?["limits"]?.objectValue ?? [:]
        return limits.merging(requests) { _, request in request }.compactMapValues(Quantity.amount(of:))
    }
}
