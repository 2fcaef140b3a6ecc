import Foundation
import ObjectModel

/// The DaemonSet's counters against what placement expects, and whether its rollout is stuck.
public struct RolloutHealth: Sendable, Hashable {
    /// Nodes where placement expects a pod (``NodeVerdict/isExpected``).
    public var expected: Int
    /// `status.desiredNumberScheduled`.
    public var desired: Int
    /// `status.currentNumberScheduled`.
    public var current: Int
    /// `status.numberReady`.
    public var ready: Int
    /// `status.numberUnavailable`.
    public var unavailable: Int
    /// `status.updatedNumberScheduled`.
    public var updated: Int
    /// `status.numberMisscheduled`.
    public var misscheduled: Int
    /// `rollingUpdate.maxUnavailable` resolved against `desired` (rounded up, as the controller does);
    /// `nil` for `OnDelete`.
    public var maxUnavailable: Int?
    /// `spec.minReadySeconds`.
    public var minReadySeconds: Int
    /// Whether the controller has seen the latest spec (`observedGeneration` ≥ `generation`).
    public var observedLatest: Bool
    /// Why the rollout is stuck; empty when it is not.
    public var stuck: [String]

    /// Whether the rollout is stuck.
    public var isStuck: Bool { !stuck.isEmpty }

    /// The health of `daemonSet` given the placement's verdicts and its pods.
    /// - Parameter now: the current time, to judge pods not ready for longer than minReadySeconds.
    static func of(_ daemonSet: JSONValue, verdicts: [NodeVerdict], pods: [JSONValue], now: Date) -> RolloutHealth {
        let status = daemonSet["status"] ?? [:]
        func count(_ name: String) -> Int { Int(status[name]?.intValue ?? 0) }
        let desired = count("desiredNumberScheduled")
        let strategy = daemonSet["spec"]?["updateStrategy"]
        let isRolling = (strategy?["type"]?.stringValue ?? "RollingUpdate") == "RollingUpdate"
        let maxUnavailable = isRolling ? resolve(strategy?["rollingUpdate"]?["maxUnavailable"] ?? 1, of: desired) : nil
        let generation = daemonSet["metadata"]?["generation"]?.intValue ?? 0
        var health = RolloutHealth(
            expected: verdicts.filter(\.isExpected).count, desired: desired, current: count("currentNumberScheduled"),
            ready: count("numberReady"), unavailable: count("numberUnavailable"), updated: count("updatedNumberScheduled"),
            misscheduled: count("numberMisscheduled"), maxUnavailable: maxUnavailable,
            minReadySeconds: Int(daemonSet["spec"]?["minReadySeconds"]?.intValue ?? 0),
            observedLatest: (status["observedGeneration"]?.intValue ?? 0) >= generation, stuck: [])
        health.stuck = health.stuckReasons(updatedPods: pods.filter { isUpdated($0, daemonSet) }, now: now)
        return health
    }

    private func stuckReasons(updatedPods: [JSONValue], now: Date) -> [String] {
        guard observedLatest, updated < desired else { return [] }
        var reasons: [String] = []
        if let maxUnavailable, unavailable >= maxUnavailable, unavailable > 0 {
            reasons.append("maxUnavailable reached: \(unavailable) pod(s) unavailable with maxUnavailable \(maxUnavailable);"
                + " the controller replaces no more old pods until these become ready")
        }
        let late = updatedPods.filter { pod in
            guard !PodFacts.isReady(pod), let created = Self.date(pod["metadata"]?["creationTimestamp"]?.stringValue) else { return false }
            return now.timeIntervalSince(created) > Double(minReadySeconds)
        }
        if !late.isEmpty {
            let names = late.compactMap { $0["metadata"]?["name"]?.stringValue }.sorted().joined(separator: ", ")
            reasons.append("\(updated) of \(desired) pods updated; updated pod(s) not ready past minReadySeconds (\(minReadySeconds)s): \(names)")
        }
        return reasons
    }

    /// An int-or-percent against `total`, percentages rounded up.
    static func resolve(_ value: JSONValue, of total: Int) -> Int {
        if let number = value.intValue { return Int(number) }
        guard let text = value.stringValue else { return 1 }
        if text.hasSuffix("%"), let percent = Double(text.dropLast()) { return Int((percent * Double(total) / 100).rounded(.up)) }
        return Int(text) ?? 1
    }

    /// Whether a pod runs the DaemonSet's current template (its `pod-template-generation` label
    /// equals the DaemonSet's template generation).
    static func isUpdated(_ pod: JSONValue, _ daemonSet: JSONValue) -> Bool {
        let annotations = daemonSet["metadata"]?["annotations"]
        let generation = annotations?["deprecated.daemonset.template.generation"]?.stringValue
            ?? daemonSet["metadata"]?["generation"]?.intValue.map { String($0) }
        return pod["metadata"]?["labels"]?["pod-template-generation"]?.stringValue == generation
    }

    /// An RFC 3339 time.
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return ISO8601DateFormatter().date(from: text)
    }
}
