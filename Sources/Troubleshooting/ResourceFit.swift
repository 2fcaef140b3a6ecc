import Foundation
import KubernetesRules
import ObjectModel

/// The scheduler's resource fit (`NodeResourcesFit`): a pod's effective requests — the larger
/// of the sum over its containers and the largest init container, per resource, plus
/// `spec.overhead` — against the node's allocatable minus what its other pods request, and one
/// more pod against `allocatable.pods`.
struct ResourceFit: Sendable {
    /// The pod spec.
    var pod: JSONValue

    /// One `.insufficient` per resource that does not fit.
    func shortfalls(on node: JSONValue, otherPods: [JSONValue]) -> [PlacementReason] {
        let allocatable = node["status"]?["allocatable"]?.objectValue ?? [:]
        let wanted = PodRequests.effective(pod)
        var used: [String: Double] = [:]
        for other in otherPods {
            for (resource, amount) in PodRequests.effective(other["spec"] ?? [:]) { used[resource, default: 0] += amount }
        }
        var reasons: [PlacementReason] = []
        for (resource, amount) in wanted.sorted(by: { $0.key < $1.key }) where amount > 0 {
            let available = allocatable[resource].flatMap(Quantity.amount(of:)) ?? 0
            let usedByOthers = used[resource] ?? 0
            guard amount > available - usedByOthers + Self.tolerance(resource) else { continue }
            reasons.append(.insufficient(resource: resource, requested: Self.text(amount, resource),
                                         allocatable: Self.text(available, resource), usedByOthers: Self.text(usedByOthers, resource)))
        }
        if let pods = allocatable["pods"].flatMap(Quantity.amount(of:)), Double(otherPods.count) + 1 > pods {
            reasons.append(.insufficient(resource: "pods", requested: "1", allocatable: Self.text(pods, "pods"),
                                         usedByOthers: String(otherPods.count)))
        }
        return reasons
    }

    /// A little slack for rounding in binary quantities.
    private static func tolerance(_ resource: String) -> Double { resource == "cpu" ? 1e-6 : 0.5 }

    /// An amount written as Kubernetes writes it: millicores for cpu, Mi/Gi for bytes.
    static func text(_ amount: Double, _ resource: String) -> String {
        if resource == "cpu" {
            let millis = (amount * 1000).rounded()
            return millis.truncatingRemainder(dividingBy: 1000) == 0 ? String(Int(millis / 1000)) : "\(Int(millis))m"
        }
        guard resource == "memory" || resource.hasSuffix("storage") || resource.hasPrefix("hugepages") else {
            return amount.rounded() == amount ? String(Int(amount)) : String(amount)
        }
        for (suffix, size) in [("Gi", 1_073_741_824.0), ("Mi", 1_048_576.0), ("Ki", 1024.0)] where amount >= size {
            let scaled = amount / size
            if scaled.rounded() == scaled { return "\(Int(scaled))\(suffix)" }
            if suffix == "Ki" || scaled >= 10 { return String(format: "%.0f%@", scaled, suffix) }
            return String(format: "%.1f%@", scaled, suffix)
        }
        return String(Int(amount))
    }
}

/// Facts read off Pod objects.
enum PodFacts {
    /// The node a pod is bound to (`spec.nodeName`), else the node its daemon-pod affinity names
    /// (`matchFields metadata.name In [node]`), else `nil`.
    static func nodeName(of pod: JSONValue) -> String? {
        if let name = pod["spec"]?["nodeName"]?.stringValue, !name.isEmpty { return name }
        let terms = pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]
        for term in terms?.arrayValue ?? [] {
            for field in term["matchFields"]?.arrayValue ?? [] where field["key"] == "metadata.name" {
                if let value = field["values"]?.arrayValue?.first?.stringValue { return value }
            }
        }
        return nil
    }

    /// Whether the pod's Ready condition is True.
    static func isReady(_ pod: JSONValue) -> Bool {
        (pod["status"]?["conditions"]?.arrayValue ?? []).contains { $0["type"] == "Ready" && $0["status"] == "True" }
    }

    /// Whether the pod has finished (Succeeded or Failed) and no longer counts against its node.
    static func isTerminated(_ pod: JSONValue) -> Bool {
        ["Succeeded", "Failed"].contains(pod["status"]?["phase"]?.stringValue ?? "")
    }

    /// Whether `pod` is owned by the object with `uid`.
    static func isOwned(_ pod: JSONValue, by uid: String) -> Bool {
        (pod["metadata"]?["ownerReferences"]?.arrayValue ?? []).contains { $0["uid"]?.stringValue == uid }
    }
}
