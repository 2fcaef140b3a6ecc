import ObjectModel

/// Whether a pod spec's `nodeSelector` and required node affinity
/// (`affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`) accept a node, as
/// the scheduler and the DaemonSet controller decide it (`k8s.io/component-helpers`
/// `scheduling/corev1/nodeaffinity`; see
/// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity ).
///
/// Every `nodeSelector` label must match. Node selector terms are ORed; the requirements of
/// one term (`matchExpressions` against the node's labels, `matchFields` against its
/// `metadata.name`) are ANDed; a term without requirements matches no node.
public enum NodeSelection {
    /// What one node selector term says about a node.
    public enum TermOutcome: Sendable, Hashable {
        /// Every requirement holds.
        case matches
        /// The term has no requirements, so it matches nothing.
        case empty
        /// The first requirement that does not hold, and the node's value for its key.
        case unmet(requirement: JSONValue, actual: String?)
    }

    /// Whether `spec`'s node selector and required node affinity accept the node with these
    /// labels and name.
    public static func accepts(_ spec: JSONValue, labels: [String: String], nodeName: String) -> Bool {
        guard nodeSelectorMismatches(spec, labels: labels).isEmpty else { return false }
        guard let terms = requiredTerms(spec) else { return true }
        return terms.contains { outcome(of: $0, labels: labels, nodeName: nodeName) == .matches }
    }

    /// The `nodeSelector` entries the labels do not satisfy, sorted by key.
    public static func nodeSelectorMismatches(_ spec: JSONValue, labels: [String: String])
        -> [(key: String, wanted: String, actual: String?)] {
        (spec["nodeSelector"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.compactMap { key, wanted in
            let wantedText = wanted.stringValue ?? ""
            return labels[key] == wantedText ? nil : (key, wantedText, labels[key])
        }
    }

    /// The required node selector terms; `nil` when the spec requires none (every node fits).
    public static func requiredTerms(_ spec: JSONValue) -> [JSONValue]? {
        spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.arrayValue
    }

    /// What the term `term` says about the node with these labels and name.
    public static func outcome(of term: JSONValue, labels: [String: String], nodeName: String) -> TermOutcome {
        let expressions = (term["matchExpressions"]?.arrayValue ?? []).map { ($0, labels) }
        let fields = (term["matchFields"]?.arrayValue ?? []).map { ($0, ["metadata.name": nodeName]) }
        let all = expressions + fields
        if all.isEmpty { return .empty }
        guard let (failing, values) = all.first(where: { !holds($0.0, for: $0.1) }) else { return .matches }
        return .unmet(requirement: failing, actual: values[failing["key"]?.stringValue ?? ""])
    }

    /// Whether one `NodeSelectorRequirement` holds for `labels`: `In` and `NotIn` a list of
    /// values (a missing label is not in it), `Exists`, `DoesNotExist`, and `Gt`/`Lt` comparing
    /// the label as an integer with the one value given (a missing or non-integer label fails).
    public static func holds(_ requirement: JSONValue, for labels: [String: String]) -> Bool {
        let key = requirement["key"]?.stringValue ?? ""
        let values = (requirement["values"]?.arrayValue ?? []).compactMap(\.stringValue)
        let value = labels[key]
        switch requirement["operator"]?.stringValue ?? "" {
        case "In": return value.map(values.contains) ?? false
        case "NotIn": return !(value.map(values.contains) ?? false)
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt", "Lt":
            guard let number = value.flatMap({ Int($0) }), values.count == 1, let bound = Int(values[0]) else { return false }
            return requirement["operator"] == "Gt" ? number > bound : number < bound
        default: return false
        }
    }
}
