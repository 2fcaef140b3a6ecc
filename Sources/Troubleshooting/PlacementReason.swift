/// Why a daemon pod does not land on a node, or lands but cannot run or become ready there.
public enum PlacementReason: Sendable, Hashable {
    /// The template names another node in `spec.nodeName`.
    case nodeName(wanted: String)
    /// A `nodeSelector` entry the node's labels do not satisfy; `actual` is `nil` when the label is missing.
    case nodeSelector(key: String, wanted: String, actual: String?)
    /// No required node-affinity term matches; `requirement` is the first failing requirement of
    /// term `term` (1-based), `actual` the node's value for its key (`nil` when missing).
    case nodeAffinity(term: Int, requirement: String, actual: String?)
    /// A `NoSchedule` or `NoExecute` taint that no toleration (the pod's or the controller's) tolerates.
    case untoleratedTaint(key: String, value: String, effect: String)
    /// The pod requests more of `resource` than the node has left: `allocatable` minus what
    /// `usedByOthers` other pods request. Amounts are as written (`500m`, `2Gi`).
    case insufficient(resource: String, requested: String, allocatable: String, usedByOthers: String)
    /// The node's `Ready` condition is not `True` (`status` is `False` or `Unknown`).
    case notReady(status: String, reason: String, message: String)
    /// The node is cordoned (`spec.unschedulable`); daemon pods tolerate it, so this is only a note.
    case cordoned

    /// Whether the reason keeps the DaemonSet controller from wanting a pod on the node at all
    /// (the node is not counted in `desiredNumberScheduled`).
    public var excludesNode: Bool {
        switch self {
        case .nodeName, .nodeSelector, .nodeAffinity, .untoleratedTaint: true
        case .insufficient, .notReady, .cordoned: false
        }
    }

    /// Whether the reason keeps an expected pod from running or becoming ready.
    public var blocksPod: Bool {
        switch self {
        case .insufficient, .notReady: true
        default: false
        }
    }

    /// A short machine-readable name: `nodeName`, `nodeSelector`, `nodeAffinity`, `taint`,
    /// `insufficientResources`, `nodeNotReady`, `cordoned`.
    public var code: String {
        switch self {
        case .nodeName: "nodeName"
        case .nodeSelector: "nodeSelector"
        case .nodeAffinity: "nodeAffinity"
        case .untoleratedTaint: "taint"
        case .insufficient: "insufficientResources"
        case .notReady: "nodeNotReady"
        case .cordoned: "cordoned"
        }
    }

    /// One line saying what is wrong, naming the label, taint or resource exactly.
    public var message: String {
        switch self {
        case .nodeName(let wanted):
            return "the pod template's spec.nodeName is '\(wanted)'"
        case .nodeSelector(let key, let wanted, let actual):
            guard let actual else { return "node selector \(key)=\(wanted): the node has no label '\(key)'" }
            return "node selector \(key)=\(wanted): the node's label is \(key)=\(actual)"
        case .nodeAffinity(let term, let requirement, let actual):
            let has = actual.map { "the node's label is '\($0)'" } ?? "the node has no such label"
            return "required node affinity term \(term): \(requirement) does not hold (\(has))"
        case .untoleratedTaint(let key, let value, let effect):
            let taint = value.isEmpty ? "\(key):\(effect)" : "\(key)=\(value):\(effect)"
            return "taint \(taint) is not tolerated (key '\(key)', value '\(value)', effect \(effect))"
        case .insufficient(let resource, let requested, let allocatable, let used):
            return "insufficient \(resource): the pod requests \(requested), the node has \(allocatable) allocatable"
                + " and its other pods request \(used)"
        case .notReady(let status, let reason, let message):
            let why = [reason, message].filter { !$0.isEmpty }.joined(separator: ": ")
            return "node not ready (Ready=\(status)\(why.isEmpty ? "" : ", \(why)"))"
        case .cordoned:
            return "node cordoned (spec.unschedulable); daemon pods tolerate node.kubernetes.io/unschedulable and still land"
        }
    }
}
