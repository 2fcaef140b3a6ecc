import ArgumentParser
import Foundation
import History
import KubeAPI
import Ledger
import ObjectModel

/// How `apply` and `rollback` talk to the cluster: the flags they share.
struct DeployOptions {
    var force: Bool
    var dryRun: Bool
    var prune: Bool
    var wait: Bool
    var timeout: Duration
    var pollInterval: Duration
    /// Hold the release's Lease (false with `--no-lock`).
    var lock: Bool = true
    /// How long to wait for another apply's Lease.
    var lockTimeout: Duration = Self.leaseLockTimeout
    /// How long an apply waits for another apply's Lease when no `--lock-timeout` is given:
    /// 60 s, longer than the ledger's 30 s, as a Lease is held for a whole apply (and its --wait).
    static let leaseLockTimeout: Duration = .seconds(60)
    /// The Lease's `leaseDurationSeconds`.
    var lockDuration: Int = 30
}

/// Puts one revision's objects on the cluster and records what happened: a `started` event
/// before the first request to the cluster, then the outcome (succeeded, failed, timed-out or
/// cancelled) as a second event of the same operation, with what was applied. A server dry run
/// records one `dry-run` event instead.
///
/// Exit codes of the failures it throws: 3 when the cluster refused or failed part of the apply,
/// or the lock was held or forbidden (recorded as failed); 4 when the rollout did not finish
/// before the timeout (recorded as timed-out); 5 when the cluster changed but the outcome could
/// not be recorded; 128 + the signal's number when SIGINT or SIGTERM cancelled it (recorded).
struct Deployment {
    let context: CommandContext
    let ledger: any RevisionStore
    let connection: ClusterConnection
    let options: DeployOptions
    let kind: EventKind
    let author: String
    /// The key of the links its events become.
    let chainKey: ChainKey
    /// The change record its events carry: given only when the command recorded no new
    /// revision (which would keep the record itself).
    var change = ChangeRecord()

    /// Applies `objects` (plaintext, in apply order) as revision `number` of `release`, whose
    /// content and chain digests the DaemonSet's annotations carry.
    func deploy(_ objects: [JSONValue], release: ReleaseID, number: Int, contentDigest: String, chainDigest: String?) async throws {
        let annotated = ClusterApply.annotated(objects, revision: number, contentDigest: contentDigest, chainDigest: chainDigest)
        let operation = DeployOperation(id: UUID().uuidString.lowercased(), release: release, number: number,
                                        startedAt: context.now(), holder: "\(author) on \(ProcessInfo.processInfo.hostName)",
                                        options: options)
        guard !options.dryRun else {
            let run = await perform(annotated, release: release, number: number, operation: operation)
            // A chain digest names a recorded revision: a dry run of new content has none.
            try await recordDryRun(run, objects: annotated, operation: operation, contentDigest: contentDigest,
                                   existing: chainDigest != nil)
            return try finish(run, operation, signal: nil)
        }
        // Before the first request to the cluster: a process killed from here on leaves this trace.
        try await record(.started, operation, detail: operation.startedDetail)
        let trap = SignalTrap(enabled: context.catchesSignals)
        defer { trap.remove() }
        let run = await trap.run { await self.perform(annotated, release: release, number: number, operation: operation) }
        if let lease = run.lease { await free(lease, operation: operation) }
        let outcome = run.outcome(signal: trap.caught)
        do {
            try await record(outcome, operation, detail: operation.outcomeDetail(run, signal: trap.caught))
        } catch {
            guard run.changedCluster else { throw error }
            throw CommandError.appliedNotRecorded(release, number: number, cluster: connection.target, outcome: outcome,
                                                  changed: run.report.changed, cause: error)
        }
        try finish(run, operation, signal: trap.caught)
    }

    /// Says how the deployment ended, and throws its failure.
    private func finish(_ run: DeployRun, _ operation: DeployOperation, signal: Int32?) throws {
        for name in run.report.leftBehind {
            context.writeError("warning: \(name.title) is in the cluster with this release's labels but no longer rendered; delete it with --prune\n")
        }
        if let signal {
            let report = run.report
            context.writeError(ErrorReport.line("cancelled by \(SignalTrap.name(signal)): \(operation.release) revision \(operation.number) "
                + "is recorded as cancelled on context '\(connection.target.context)' (\(connection.target.server))") + "\n"
                + "  applied: " + (report.changed.isEmpty ? "nothing" : report.changed.joined(separator: ", ")) + "\n"
                + (report.notAttempted.isEmpty ? "" : "  not applied: " + report.notAttempted.map(\.title).joined(separator: ", ") + "\n"))
            throw ExitCode(128 + signal)
        }
        if let failure = run.report.failure {
            throw Self.failure(failure, report: run.report, release: operation.release, number: operation.number, recorded: !options.dryRun)
        }
        if let error = run.error { throw error }
        if let rollout = run.rollout, !rollout.done {
            if context.outputIsTerminal { context.writeError("\n") }
            throw CommandError.rolloutTimedOut(run.daemonSet ?? ObjectIdentity(apiVersion: "apps/v1", kind: "DaemonSet",
                                                                               namespace: operation.release.namespace, name: operation.release.name),
                                               status: rollout.line)
        }
    }

    /// Frees the release's Lease with a client of its own (the apply's task may be cancelled);
    /// a failure only warns: the Lease expires by itself.
    private func free(_ lease: JSONValue, operation: DeployOperation) async {
        let context = self.context
        do {
            try await context.withClient(connection) { client in
                try await operation.lease(client: client, now: context.now).release(lease)
            }
        } catch {
            context.writeError("warning: could not release the lock \(operation.leaseTitle): \(error); it expires by itself\n")
        }
    }

    private func record(_ outcome: EventOutcome, _ operation: DeployOperation, detail: JSONValue) async throws {
        let event = EventDraft(release: operation.release, kind: kind, outcome: outcome, revision: operation.number, author: author,
                               createdAt: context.now(), cluster: connection.target, detail: detail, change: change)
        try await ledger.recordEvent(event, chainKey: chainKey)
    }

    /// The one error of a failed apply: the object, the server's words, and what did and did not apply.
    static func failure(_ failure: (name: ObjectIdentity, error: KubeAPIError), report: ClusterApply.Report,
                        release: ReleaseID, number: Int, recorded: Bool) -> CommandError {
        .applyFailed(failure.name, failure.error, applied: report.applied.map(\.name.title),
                     notApplied: report.notAttempted.map(\.title),
                     recordedAs: recorded ? "\(release) revision \(number)" : nil)
    }
}
