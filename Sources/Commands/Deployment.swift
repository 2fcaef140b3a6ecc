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
}

/// Puts one revision's objects on the cluster and records what happened: the apply (or rollback)
/// event with its outcome, and the rollout when `--wait` follows it.
///
/// Exit codes of the failures it throws: 3 when the cluster refused or failed part of the apply
/// (recorded as failed), 4 when the rollout did not finish before the timeout (recorded).
struct Deployment {
    let context: CommandContext
    let ledger: any RevisionStore
    let connection: ClusterConnection
    let options: DeployOptions
    let kind: EventKind
    let author: String
    /// The key of the links its events become.
    let chainKey: ChainKey

    /// Applies `objects` (plaintext, in apply order) as revision `number` of `release`, whose
    /// content and chain digests the DaemonSet's annotations carry.
    func deploy(_ objects: [JSONValue], release: ReleaseID, number: Int, contentDigest: String, chainDigest: String?) async throws {
        let target = connection.target
        let annotated = ClusterApply.annotated(objects, revision: number, contentDigest: contentDigest, chainDigest: chainDigest)
        let context = self.context
        let options = self.options
        let report = try await context.withClient(connection) { client in
            let engine = ClusterApply(client: client, force: options.force, dryRun: options.dryRun)
            var report = ClusterApply.Report()
            await engine.apply(annotated, report: &report) { context.writeOutput($0 + "\n") }
            if report.succeeded {
                await engine.prune(release: release, current: objects, prune: options.prune, report: &report) {
                    context.writeOutput($0 + "\n")
                }
            }
            return report
        }
        if !options.dryRun {
            try await record(kind, report.succeeded ? .succeeded : .failed, release: release, number: number, detail: report.detail)
        }
        for name in report.leftBehind {
            context.writeError("warning: \(name.title) is in the cluster with this release's labels but no longer rendered; delete it with --prune\n")
        }
        if let failure = report.failure { throw Self.failure(failure, report: report, release: release, number: number, recorded: !options.dryRun) }
        let verb = options.dryRun ? "server dry run: would apply" : (kind == .rollback ? "rolled back" : "applied")
        context.writeError("\(verb) \(release) revision \(number) to context '\(target.context)' (\(target.server))\n")
        if options.wait && !options.dryRun, let daemonSet = objects.first(where: { $0["kind"]?.stringValue == "DaemonSet" }) {
            try await follow(ObjectIdentity(daemonSet), release: release, number: number)
        }
    }

    /// Follows the rollout, records it, and fails with exit 4 on timeout.
    private func follow(_ daemonSet: ObjectIdentity, release: ReleaseID, number: Int) async throws {
        let context = self.context
        let options = self.options
        let terminal = context.outputIsTerminal
        let last = try await context.withClient(connection) { client in
            let watch = RolloutWatch(client: client, namespace: daemonSet.namespace ?? release.namespace, name: daemonSet.name,
                                     interval: options.pollInterval, timeout: options.timeout)
            return try await watch.follow { progress in
                context.writeError(terminal ? "\r\u{1B}[K" + progress.line + (progress.done ? "\n" : "") : progress.line + "\n")
            }
        }
        try await record(.rollout, last.done ? .succeeded : .timedOut, release: release, number: number, detail: ["status": .string(last.line)])
        guard last.done else {
            if terminal { context.writeError("\n") }
            throw CommandError.rolloutTimedOut(daemonSet, status: last.line)
        }
    }

    private func record(_ kind: EventKind, _ outcome: EventOutcome, release: ReleaseID, number: Int, detail: JSONValue) async throws {
        let event = EventDraft(release: release, kind: kind, outcome: outcome, revision: number, author: author,
                               createdAt: context.now(), cluster: connection.target, detail: detail)
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
