import Foundation
import KubeAPI
import Ledger
import ObjectModel

extension Deployment {
    /// The cluster's part: take the lock, apply, prune, follow the rollout. Never throws: what
    /// stopped it is in the run, so that its outcome can be recorded whatever happened.
    func perform(_ objects: [JSONValue], release: ReleaseID, number: Int, operation: DeployOperation) async -> DeployRun {
        do {
            return try await context.withClient(connection) { client in
                await steps(client, objects, operation: operation)
            }
        } catch {
            var run = DeployRun()
            run.error = error
            return run
        }
    }

    private func steps(_ client: KubeClient, _ objects: [JSONValue], operation: DeployOperation) async -> DeployRun {
        let context = self.context
        let options = self.options
        let progress: (String) -> Void = { context.writeOutput($0 + "\n") }
        let engine = ClusterApply(client: client, force: options.force, dryRun: options.dryRun)
        var run = DeployRun()
        var remaining = objects
        var keeper: LeaseKeeper?
        if operation.lock {
            do {
                guard let lease = try await acquire(operation.lease(client: client, now: context.now), operation: operation,
                                                    engine: engine, remaining: &remaining, report: &run.report) else { return run }
                run.lease = lease
                keeper = LeaseKeeper(operation.lease(client: client, now: context.now), holding: lease) { context.writeError($0) }
            } catch {
                run.error = error
                return run
            }
        }
        await engine.apply(remaining, report: &run.report, progress: progress)
        if run.report.succeeded {
            await engine.prune(release: operation.release, current: objects, prune: options.prune, report: &run.report, progress: progress)
        }
        if run.report.succeeded && !Task.isCancelled {
            let target = connection.target
            let verb = options.dryRun ? "server dry run: would apply" : (kind == .rollback ? "rolled back" : "applied")
            context.writeError("\(verb) \(operation.release) revision \(operation.number) to context '\(target.context)' (\(target.server))\n")
            if options.wait && !options.dryRun, let daemonSet = objects.first(where: { $0["kind"]?.stringValue == "DaemonSet" }) {
                run.daemonSet = ObjectIdentity(daemonSet)
                do {
                    run.rollout = try await follow(client, ObjectIdentity(daemonSet), release: operation.release)
                } catch where Task.isCancelled {
                    // Cancelled while following: the outcome says so.
                } catch {
                    run.error = error
                }
            }
        }
        if let keeper { run.lease = await keeper.stop() }
        return run
    }

    /// Takes the release's Lease, waiting up to `--lock-timeout` while another apply holds it.
    /// When the release's namespace does not exist yet and the objects create it, the Namespace
    /// is applied first and the Lease created in it.
    /// - Returns: the Lease as held, or `nil` when applying the Namespace failed (in `report`).
    private func acquire(_ lease: ReleaseLease, operation: DeployOperation, engine: ClusterApply, remaining: inout [JSONValue],
                         report: inout ClusterApply.Report) async throws -> JSONValue? {
        let clock = ContinuousClock()
        let deadline = clock.now + options.lockTimeout
        var told = false
        while true {
            let attempt: ReleaseLease.Attempt
            do {
                attempt = try await lease.tryAcquire()
            } catch {
                let namespace = operation.release.namespace
                guard error.status?.isNotFound == true,
                      let index = remaining.firstIndex(where: { $0["kind"]?.stringValue == "Namespace" && ObjectIdentity($0).name == namespace })
                else { throw CommandError.lockFailed(operation.leaseTitle, error) }
                await engine.apply([remaining.remove(at: index)], report: &report) { context.writeOutput($0 + "\n") }
                guard report.failure == nil, !Task.isCancelled else { return nil }
                continue
            }
            switch attempt {
            case .acquired(let held):
                return held
            case .held(let holder, let until):
                guard clock.now < deadline, !Task.isCancelled else {
                    throw CommandError.lockHeld(operation.leaseTitle, holder: holder, until: until)
                }
                if !told {
                    context.writeError("waiting for the lock \(operation.leaseTitle): held by \(holder.escapingControlCharacters) until \(Timestamp.format(until))\n")
                    told = true
                }
                try? await Task.sleep(for: min(options.pollInterval, deadline - clock.now))
            }
        }
    }

    /// Follows the rollout until done or `--timeout`, and returns its last progress.
    private func follow(_ client: KubeClient, _ daemonSet: ObjectIdentity, release: ReleaseID) async throws -> RolloutWatch.Progress {
        let context = self.context
        let terminal = context.outputIsTerminal
        let watch = RolloutWatch(client: client, namespace: daemonSet.namespace ?? release.namespace, name: daemonSet.name,
                                 interval: options.pollInterval, timeout: options.timeout)
        do {
            return try await watch.follow { progress in
                context.writeError(terminal ? "\r\u{1B}[K" + progress.line + (progress.done ? "\n" : "") : progress.line + "\n")
            }
        } catch let error as KubeAPIError {
            throw CommandError.cluster(connection.server.absoluteString, error)
        }
    }
}

/// Renews a held Lease every third of its duration until stopped; a failed renewal warns and
/// is tried again at the next turn.
final class LeaseKeeper: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: JSONValue
    private var task: Task<Void, Never>?

    init(_ lease: ReleaseLease, holding held: JSONValue, warn: @escaping @Sendable (String) -> Void) {
        latest = held
        let interval = Duration.milliseconds(Int64(lease.duration) * 1000 / 3)
        task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                do {
                    let renewed = try await lease.renew(lock.withLock { latest })
                    lock.withLock { latest = renewed }
                } catch {
                    warn("warning: could not renew the lock \(lease.namespace)/\(lease.name): \(error)\n")
                }
            }
        }
    }

    /// Stops renewing and returns the Lease as last written.
    func stop() async -> JSONValue {
        task?.cancel()
        await task?.value
        return lock.withLock { latest }
    }
}
