import Foundation
import KubeAPI
import Ledger
import ObjectModel

/// One apply or rollback: its id (in both of its events), its release and revision, who holds
/// its lock, and until when it may still be running.
struct DeployOperation: Sendable {
    let id: String
    let release: ReleaseID
    let number: Int
    let startedAt: Date
    /// The Lease's `holderIdentity` without the id: the author and the host.
    let holderName: String
    let lock: Bool
    let lockDuration: Int
    /// When the operation has certainly stopped renewing its lock: the wait for the lock, a
    /// lease duration for the apply itself, the rollout's `--timeout` with `--wait`, and a lease
    /// duration for the lock to expire. `history` shows an operation with no outcome as
    /// `in-progress` until then, `interrupted` after.
    let inProgressUntil: Date
    let wait: Bool

    init(id: String, release: ReleaseID, number: Int, startedAt: Date, holder: String, options: DeployOptions) {
        self.id = id
        self.release = release
        self.number = number
        self.startedAt = startedAt
        self.holderName = holder
        self.lock = options.lock && !options.dryRun
        self.lockDuration = options.lockDuration
        self.wait = options.wait
        let budget = Self.seconds(options.lockTimeout) + Double(2 * options.lockDuration) + (options.wait ? Self.seconds(options.timeout) : 0)
        self.inProgressUntil = Timestamp.truncated(startedAt.addingTimeInterval(budget))
    }

    /// The Lease's `holderIdentity`: unique to this operation.
    var holder: String { "\(holderName) (operation \(id))" }

    /// `ops/dsledger-agent`, for messages.
    var leaseTitle: String { "Lease \(release.namespace)/\(ReleaseLease.name(of: release))" }

    /// The release's Lease as this operation holds it.
    func lease(client: KubeClient, now: @escaping @Sendable () -> Date) -> ReleaseLease {
        ReleaseLease(client: client, namespace: release.namespace, name: ReleaseLease.name(of: release), holder: holder,
                     duration: lockDuration, now: now)
    }

    /// The `started` event's detail: the operation id, the deadline, and the lock (or `noLock`).
    var startedDetail: JSONValue {
        var detail: [String: JSONValue] = [
            ApplyOperation.idKey: .string(id),
            ApplyOperation.inProgressUntilKey: .string(Timestamp.format(inProgressUntil)),
            "wait": .bool(wait),
        ]
        if lock {
            detail["lock"] = ["kind": "Lease", "apiVersion": "coordination.k8s.io/v1", "namespace": .string(release.namespace),
                              "name": .string(ReleaseLease.name(of: release)), "holderIdentity": .string(holder),
                              "leaseDurationSeconds": .int(Int64(lockDuration))]
        } else {
            detail["noLock"] = true
        }
        return .object(detail)
    }

    /// The outcome event's detail: the operation id, what was applied (``ClusterApply/Report/detail``),
    /// the rollout's last status, the signal that cancelled it, and any other error.
    func outcomeDetail(_ run: DeployRun, signal: Int32?) -> JSONValue {
        var detail = run.report.detail.objectValue ?? [:]
        detail[ApplyOperation.idKey] = .string(id)
        if !lock { detail["noLock"] = true }
        if let rollout = run.rollout { detail["rollout"] = .string(rollout.line) }
        if let signal { detail["cancelledBy"] = .string(SignalTrap.name(signal)) }
        if let error = run.error { detail["error"] = .string(String(describing: error)) }
        return .object(detail)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What one deployment did in the cluster, whatever stopped it.
struct DeployRun: Sendable {
    /// The objects applied, pruned, failed and not attempted.
    var report = ClusterApply.Report()
    /// The DaemonSet whose rollout was followed, and its last progress (with `--wait`).
    var daemonSet: ObjectIdentity?
    var rollout: RolloutWatch.Progress?
    /// Our last write of the release's Lease, to release; `nil` when none is held.
    var lease: JSONValue?
    /// What stopped it other than an object the cluster refused: the lock, the connection, a
    /// DaemonSet gone during the rollout.
    var error: (any Error)?

    /// Whether the cluster's objects changed (the Lease aside).
    var changedCluster: Bool { !report.changed.isEmpty }

    /// The outcome to record.
    func outcome(signal: Int32?) -> EventOutcome {
        if signal != nil { return .cancelled }
        if report.failure != nil || error != nil { return .failed }
        if let rollout, !rollout.done { return .timedOut }
        return .succeeded
    }
}
