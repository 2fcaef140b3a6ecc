import Foundation
import KubeAPI
import ObjectModel

/// Follows a DaemonSet's rollout the way `kubectl rollout status` judges it: the controller has
/// observed the latest generation, every desired pod runs the new template, and all are available.
struct RolloutWatch {
    let client: KubeClient
    let namespace: String
    let name: String
    /// Between two reads of the DaemonSet.
    let interval: Duration
    /// When to give up.
    let timeout: Duration

    /// Where a rollout stands.
    struct Progress: Equatable {
        var done: Bool
        var line: String
    }

    /// The rollout's progress from the live DaemonSet.
    static func progress(of daemonSet: JSONValue) -> Progress {
        let name = daemonSet.value(atMemberPath: "metadata.name")?.stringValue ?? ""
        let generation = daemonSet.value(atMemberPath: "metadata.generation")?.intValue ?? 0
        let status = daemonSet["status"] ?? .object([:])
        func count(_ field: String) -> Int64 { status[field]?.intValue ?? 0 }
        guard count("observedGeneration") >= generation else {
            return Progress(done: false, line: "Waiting for daemon set \"\(name)\" spec update to be observed...")
        }
        let desired = count("desiredNumberScheduled")
        if daemonSet.value(atMemberPath: "spec.updateStrategy.type")?.stringValue == "OnDelete" {
            return Progress(done: true, line: "daemon set \"\(name)\" uses OnDelete: pods change only when deleted; the new template is in place")
        }
        let updated = count("updatedNumberScheduled")
        if updated < desired {
            return Progress(done: false, line: "Waiting for daemon set \"\(name)\" rollout to finish: \(updated) out of \(desired) new pods have been updated...")
        }
        let available = count("numberAvailable")
        if available < desired {
            return Progress(done: false, line: "Waiting for daemon set \"\(name)\" rollout to finish: \(available) of \(updated) updated pods are available...")
        }
        return Progress(done: true, line: "daemon set \"\(name)\" successfully rolled out (\(available) of \(desired) pods available)")
    }

    /// Reads the DaemonSet until its rollout is done or `timeout` passes, reporting each new
    /// progress line; returns the last progress.
    func follow(report: (Progress) -> Void) async throws -> Progress {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last: Progress?
        while true {
            guard let live = try await client.get(.daemonSets, namespace: namespace, name: name) else {
                throw CommandError.daemonSetGone(namespace: namespace, name: name)
            }
            let progress = Self.progress(of: live)
            if progress != last { report(progress) }
            last = progress
            if progress.done || clock.now >= deadline { return progress }
            try await Task.sleep(for: min(interval, deadline - clock.now))
        }
    }
}

/// A kubectl-style duration: `90s`, `5m`, `1h30m`, `250ms`, or bare seconds.
struct TimeoutDuration: Sendable, Hashable {
    var duration: Duration

    init(duration: Duration) {
        self.duration = duration
    }

    init?(_ text: String) {
        if let seconds = Double(text), seconds >= 0 {
            duration = .milliseconds(Int64(seconds * 1000))
            return
        }
        var total: Int64 = 0
        var digits = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first.isNumber {
                digits.append(first)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Int64(digits) else { return nil }
            digits = ""
            let units: [(String, Int64)] = [("ms", 1), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
            guard let (unit, factor) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            total += value * factor
            rest = rest.dropFirst(unit.count)
        }
        guard digits.isEmpty, !text.isEmpty else { return nil }
        duration = .milliseconds(total)
    }
}
