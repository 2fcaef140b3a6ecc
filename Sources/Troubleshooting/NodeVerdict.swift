/// Whether a pod of the DaemonSet lands on one node, and if not, exactly why.
public struct NodeVerdict: Sendable, Hashable {
    /// What happens on the node.
    public enum Outcome: String, Sendable, Hashable {
        /// A daemon pod belongs there and nothing keeps it from running.
        case runs
        /// A daemon pod belongs there (it is counted in desiredNumberScheduled) but cannot run or
        /// become ready: not enough resources, or the node is not ready.
        case blocked
        /// No daemon pod belongs there: node name, selector, affinity or an untolerated taint.
        case excluded
    }

    /// The node's name.
    public var node: String
    /// What happens there.
    public var outcome: Outcome
    /// Every reason found, excluding and blocking ones, in the order checked.
    public var reasons: [PlacementReason]
    /// Notes that do not change the outcome (a cordoned node).
    public var notes: [PlacementReason]
    /// The name of the DaemonSet's pod on the node, when one exists (online only).
    public var pod: String?

    /// Creates a verdict.
    public init(node: String, outcome: Outcome, reasons: [PlacementReason], notes: [PlacementReason], pod: String? = nil) {
        self.node = node
        self.outcome = outcome
        self.reasons = reasons
        self.notes = notes
        self.pod = pod
    }

    /// Whether the DaemonSet controller wants a pod on this node.
    public var isExpected: Bool { outcome != .excluded }
}
