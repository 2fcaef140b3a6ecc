import ObjectModel

/// How a ``Diagnosis`` is printed: for people, or as JSON (``json(_:)``).
public enum DiagnosisFormat {
    /// The diagnosis for a terminal: a verdict line, the counters, one line per node, the pods
    /// that are not ready with their containers and causes, and the events, newest first.
    ///
    /// Almost every text here comes from the cluster (messages, reasons, log lines, names), so
    /// control characters are shown escaped (``ObjectModel/ControlCharacters``): newlines too in
    /// a message or a log line, and everything but the lines of this output in the rest.
    public static func human(_ diagnosis: Diagnosis) -> String {
        ControlCharacters.escaped(lines(diagnosis), keeping: ["\n"])
    }

    private static func lines(_ diagnosis: Diagnosis) -> String {
        var out = headline(diagnosis) + "\n"
        if let rollout = diagnosis.rollout { out += counters(rollout) }
        out += "\nNODES\n" + nodeTable(diagnosis.nodes)
        if !diagnosis.nodes.contains(where: \.isExpected) { out += "no node would run a pod of this DaemonSet\n" }
        if !diagnosis.nodesWithoutPod.isEmpty {
            out += "expected but without a pod: \(diagnosis.nodesWithoutPod.joined(separator: ", "))\n"
        }
        if !diagnosis.pods.isEmpty {
            out += "\nPODS NOT READY\n" + diagnosis.pods.map(pod).joined()
        }
        if diagnosis.isLive {
            out += "\nEVENTS (newest first)\n"
            out += diagnosis.events.isEmpty ? "none\n" : diagnosis.events.map(event).joined()
        }
        return out
    }

    private static func headline(_ diagnosis: Diagnosis) -> String {
        let expected = diagnosis.nodes.filter(\.isExpected)
        let running = expected.filter { $0.outcome == .runs }.count
        guard let rollout = diagnosis.rollout else {
            return "DaemonSet \(diagnosis.daemonSet) (recorded revision): would land on \(expected.count) of \(diagnosis.nodes.count)"
                + " node(s); \(running) can run it"
        }
        let verdict = diagnosis.isHealthy ? "healthy" : "NOT healthy"
        return "DaemonSet \(diagnosis.daemonSet): \(verdict): \(rollout.ready) of \(rollout.expected) expected pod(s) ready"
    }

    private static func counters(_ rollout: RolloutHealth) -> String {
        var out = "expected \(rollout.expected), desired \(rollout.desired), current \(rollout.current), ready \(rollout.ready),"
            + " unavailable \(rollout.unavailable), updated \(rollout.updated), misscheduled \(rollout.misscheduled)"
        out += " (maxUnavailable \(rollout.maxUnavailable.map(String.init) ?? "n/a, OnDelete"), minReadySeconds \(rollout.minReadySeconds))\n"
        if rollout.expected != rollout.desired {
            out += "note: placement expects \(rollout.expected) pod(s) but status.desiredNumberScheduled is \(rollout.desired)\n"
        }
        if !rollout.observedLatest { out += "note: the controller has not yet observed the latest generation\n" }
        for reason in rollout.stuck { out += "rollout stuck: \(reason)\n" }
        return out
    }

    private static func nodeTable(_ verdicts: [NodeVerdict]) -> String {
        let rows = verdicts.map { verdict -> [String] in
            let reasons = (verdict.reasons + verdict.notes).map(\.message)
            return [verdict.node, verdict.pod ?? "-", verdict.outcome.rawValue, reasons.isEmpty ? "" : reasons.joined(separator: "; ").escapingControlCharacters]
        }
        let all = [["NODE", "POD", "VERDICT", "REASON"]] + rows
        let widths = (0..<3).map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "   ")
                + (row[3].isEmpty ? "" : "   " + row[3])
        }.map { $0.trimmingTrailingSpaces + "\n" }.joined()
    }

    private static func pod(_ problem: PodProblem) -> String {
        var out = "\(problem.pod) on \(problem.node ?? "(no node)"): phase \(problem.phase)\n"
        for condition in problem.conditions { out += "  condition \(condition.escapingControlCharacters)\n" }
        for container in problem.containers { out += self.container(container) }
        return out
    }

    private static func container(_ container: ContainerProblem) -> String {
        let kind = container.isInit ? "init container" : "container"
        var state = container.state + (container.reason.isEmpty ? "" : " \(container.reason)")
        if !container.message.isEmpty { state += ": \(container.message.escapingControlCharacters)" }
        var out = "  \(kind) \(container.name) (\(container.image)): \(state); restarts \(container.restarts)"
        out += container.lastTermination.map { "; last terminated: \($0)" } ?? ""
        out += "\n"
        if let missing = container.missingReference {
            let places = missing.references.isEmpty ? "" : " (referenced by \(missing.references.joined(separator: ", ")))"
            out += "    missing \(missing.description)\(places)\n"
        }
        for problem in container.permissionProblems {
            out += "    permission error on \(problem.path): mount \(problem.mountPath) (volume \(problem.volume), hostPath"
                + " \(problem.hostPath), \(problem.readOnly ? "read-only" : "read-write")); security context: "
                + (problem.securityContext.isEmpty ? "none set (runs as the image's user)" : problem.securityContext.joined(separator: ", ")) + "\n"
        }
        if !container.previousLog.isEmpty {
            out += "    previous log (last \(container.previousLog.count) line(s)):\n"
            out += container.previousLog.map { "      | \($0.escapingControlCharacters)\n" }.joined()
        }
        return out
    }

    private static func event(_ line: EventLine) -> String {
        let count = line.count > 1 ? " (x\(line.count))" : ""
        let text = "\(line.time.isEmpty ? "-" : line.time)  \(line.type)  \(line.reason)  \(line.object)\(count): \(line.message)"
        return text.escapingControlCharacters + "\n"
    }
}

extension String {
    /// The string without trailing spaces.
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
