import Foundation
import ObjectModel

/// What `dsledger doctor` reads: the DaemonSet, the nodes, the pods, the events and the
/// previous logs of crashed containers. Offline, only the DaemonSet and the nodes are known.
public struct DoctorInput: Sendable {
    /// The DaemonSet (live, or as the recorded revision renders it).
    public var daemonSet: JSONValue
    /// Every Node.
    public var nodes: [JSONValue]
    /// The pods: the DaemonSet's own are told apart by owner uid; the rest count against their
    /// nodes' allocatable. Empty offline.
    public var pods: [JSONValue]
    /// Events of the DaemonSet's namespace (any others are ignored).
    public var events: [JSONValue]
    /// The last lines of the previous log of crashed containers.
    public var previousLogs: [ContainerReference: [String]]
    /// Whether pods, events and status were read from a cluster (`false` offline).
    public var isLive: Bool

    /// Creates an input.
    public init(daemonSet: JSONValue, nodes: [JSONValue], pods: [JSONValue] = [], events: [JSONValue] = [],
                previousLogs: [ContainerReference: [String]] = [:], isLive: Bool) {
        self.daemonSet = daemonSet
        self.nodes = nodes
        self.pods = pods
        self.events = events
        self.previousLogs = previousLogs
        self.isLive = isLive
    }
}

/// Everything `dsledger doctor` found about one DaemonSet.
public struct Diagnosis: Sendable, Hashable {
    /// `namespace/name`.
    public var daemonSet: String
    /// Whether this came from a cluster (`false`: offline, placement only).
    public var isLive: Bool
    /// One verdict per node, by node name.
    public var nodes: [NodeVerdict]
    /// Counters and whether the rollout is stuck (live only).
    public var rollout: RolloutHealth?
    /// The DaemonSet's pods that are not ready, by name.
    public var pods: [PodProblem]
    /// Expected nodes without a pod of the DaemonSet (live only).
    public var nodesWithoutPod: [String]
    /// Events of the DaemonSet and its pods, newest first.
    public var events: [EventLine]

    /// Whether at least one node is expected to run the pod and every expected pod is scheduled
    /// and ready (live), or every expected node can run it (offline).
    public var isHealthy: Bool {
        let expected = nodes.filter(\.isExpected)
        guard !expected.isEmpty else { return false }
        guard isLive else { return expected.allSatisfy { $0.outcome == .runs } }
        return pods.isEmpty && nodesWithoutPod.isEmpty && !(rollout?.isStuck ?? false)
            && expected.allSatisfy { $0.outcome == .runs } && (rollout.map { $0.ready >= $0.expected } ?? true)
    }
}

/// Diagnoses a DaemonSet from what was read of it.
///
/// ```swift
/// let diagnosis = Doctor.diagnose(DoctorInput(daemonSet: ds, nodes: nodes, isLive: false), now: Date())
/// print(DiagnosisFormat.human(diagnosis))
/// ```
public enum Doctor {
    /// The containers whose previous log is worth fetching (restarted and not ready) among the
    /// DaemonSet's pods in `pods`.
    public static func crashedContainers(daemonSet: JSONValue, pods: [JSONValue]) -> [ContainerReference] {
        PodInspection.crashedContainers(ownPods(daemonSet, pods))
    }

    /// The diagnosis.
    /// - Parameter now: the current time, to judge pods not ready past minReadySeconds.
    public static func diagnose(_ input: DoctorInput, now: Date) -> Diagnosis {
        let daemonSet = input.daemonSet
        let own = ownPods(daemonSet, input.pods)
        let ownNames = Set(own.compactMap { $0["metadata"]?["name"]?.stringValue })
        let others = input.pods.filter { pod in
            !ownNames.contains(pod["metadata"]?["name"]?.stringValue ?? "") && !PodFacts.isTerminated(pod)
        }
        let placement = DaemonPodPlacement(template: daemonSet["spec"]?["template"] ?? [:])
        var verdicts = placement.verdicts(nodes: input.nodes, otherPods: others).sorted { $0.node < $1.node }
        for index in verdicts.indices {
            verdicts[index].pod = own.first { PodFacts.nodeName(of: $0) == verdicts[index].node }?["metadata"]?["name"]?.stringValue
        }
        var logs: [String: [String: [String]]] = [:]
        for (reference, lines) in input.previousLogs { logs[reference.pod, default: [:]][reference.container] = lines }
        let metadata = daemonSet["metadata"] ?? [:]
        return Diagnosis(
            daemonSet: "\(metadata["namespace"]?.stringValue ?? "")/\(metadata["name"]?.stringValue ?? "")", isLive: input.isLive,
            nodes: verdicts,
            rollout: input.isLive ? RolloutHealth.of(daemonSet, verdicts: verdicts, pods: own, now: now) : nil,
            pods: PodInspection(previousLogs: logs).problems(own),
            nodesWithoutPod: input.isLive ? verdicts.filter { $0.isExpected && $0.pod == nil }.map(\.node) : [],
            events: EventLine.lines(input.events, daemonSet: daemonSet, pods: ownNames))
    }

    /// The pods owned by the DaemonSet (by uid; by name prefix and selector when there is no uid, offline).
    static func ownPods(_ daemonSet: JSONValue, _ pods: [JSONValue]) -> [JSONValue] {
        guard let uid = daemonSet["metadata"]?["uid"]?.stringValue else { return [] }
        return pods.filter { PodFacts.isOwned($0, by: uid) }
    }
}
