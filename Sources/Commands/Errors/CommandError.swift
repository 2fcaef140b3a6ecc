import Foundation
import KubeAPI
import ObjectModel
import Ledger
import StoreLocation

/// What a command refuses or fails at itself: a release or revision that is not there, a
/// cluster that refused an apply, two ledgers that cannot be merged. Errors of the modules below
/// (``StoreError``, `ManifestError`, `KubeconfigError`) are reported as they are, or wrapped here
/// with what the command knows, never replaced.
///
/// Built from static constructors (`CommandError.noRelease(release)`); equal when their codes are.
struct CommandError: ReportableError, Equatable {
    private enum Code: Equatable {
        case noManifest
        case applyTakesOneManifest(file: String, found: Int)
        case duplicateObject(kind: String, name: String)
        case noReleaseNamed(String)
        case ambiguousRelease(name: String, namespaces: [String])
        case noRelease(ReleaseID)
        case notRecorded(ReleaseID)
        case neverApplied(ReleaseID, context: String, comparing: Bool)
        case noRevision(ReleaseID, selector: String, latest: Int?)
        case noDaemonSetInRevision(ReleaseID, number: Int)
        case secretWithoutKey
        case secretEnvUnset(key: String, variable: String)
        case invalidExecTimeout(value: String)
        case secretMismatch(ReleaseID, number: Int, Regeneration.Mismatch)
        case missingSecretValues([SecretHash], number: Int)
        case noSecretKey
        case ledgerLocation(LocationError)
        case noCurrentContext
        case cluster(server: String, KubeAPIError)
        case noDaemonSet(namespace: String, name: String, context: String)
        case daemonSetGone(namespace: String, name: String)
        case applyFailed(object: String, KubeAPIError, applied: [String], notApplied: [String], recordedAs: String?)
        case rolloutTimedOut(daemonSet: String, status: String)
        case lockHeld(lease: String, holder: String, until: Date)
        case lockFailed(lease: String, KubeAPIError)
        case appliedNotRecorded(ReleaseID, number: Int, cluster: ClusterTarget, outcome: String, changed: [String], cause: String)
        case failed(String)
    }

    private let code: Code

    /// The error this one wraps, when it wraps one.
    let underlying: (any Error)?

    private init(_ code: Code, underlying: (any Error)? = nil) {
        self.code = code
        self.underlying = underlying
    }

    static func == (lhs: CommandError, rhs: CommandError) -> Bool { lhs.code == rhs.code }

    // MARK: Input

    /// No `-f` given.
    static let noManifest = CommandError(.noManifest)
    /// `apply -f FILE` where FILE holds several manifests.
    static func applyTakesOneManifest(file: String, found: Int) -> CommandError { .init(.applyTakesOneManifest(file: file, found: found)) }
    /// Two manifests render an object of the same kind, namespace and name.
    static func duplicateObject(kind: String, name: String) -> CommandError { .init(.duplicateObject(kind: kind, name: name)) }
    /// `--secret` without `KEY=`.
    static let secretWithoutKey = CommandError(.secretWithoutKey)
    /// `--secret-env KEY[=VAR]` naming an environment variable that is not set.
    static func secretEnvUnset(key: String, variable: String) -> CommandError { .init(.secretEnvUnset(key: key, variable: variable)) }
    /// `DSLEDGER_EXEC_TIMEOUT` that is not a duration.
    static func invalidExecTimeout(_ value: String) -> CommandError { .init(.invalidExecTimeout(value: value)) }
    /// A supplied secret value whose HMAC is not the one recorded.
    static func secretMismatch(_ release: ReleaseID, number: Int, _ mismatch: Regeneration.Mismatch) -> CommandError {
        .init(.secretMismatch(release, number: number, mismatch), underlying: mismatch)
    }
    /// Secret values a rollback needs and was not given.
    static func missingSecretValues(_ missing: [SecretHash], number: Int) -> CommandError { .init(.missingSecretValues(missing, number: number)) }
    /// The HMAC key could not be derived to compare secrets.
    static let noSecretKey = CommandError(.noSecretKey)

    // MARK: Ledger

    /// `--db` names no usable ledger.
    static func ledgerLocation(_ error: LocationError) -> CommandError { .init(.ledgerLocation(error), underlying: error) }
    /// No release of that name in any namespace.
    static func noReleaseNamed(_ name: String) -> CommandError { .init(.noReleaseNamed(name)) }
    /// A release name found in several namespaces, without `-n`.
    static func ambiguousRelease(_ name: String, namespaces: [String]) -> CommandError { .init(.ambiguousRelease(name: name, namespaces: namespaces)) }
    /// No revision of the release in the ledger.
    static func noRelease(_ release: ReleaseID) -> CommandError { .init(.noRelease(release)) }
    /// A render or apply that recorded nothing.
    static func notRecorded(_ release: ReleaseID) -> CommandError { .init(.notRecorded(release)) }
    /// `applied` named, but the release never reached that context; `comparing` adds drift's advice.
    static func neverApplied(_ release: ReleaseID, context: String, comparing: Bool = false) -> CommandError {
        .init(.neverApplied(release, context: context, comparing: comparing))
    }
    /// No revision for a selector; `latest` is the release's latest number, when known.
    static func noRevision(_ release: ReleaseID, _ selector: String, latest: Int? = nil) -> CommandError {
        .init(.noRevision(release, selector: selector, latest: latest))
    }
    /// A revision without a DaemonSet, where a command needs one.
    static func noDaemonSet(in release: ReleaseID, number: Int) -> CommandError { .init(.noDaemonSetInRevision(release, number: number)) }

    // MARK: Cluster

    /// No `--context` and no current context in the kubeconfig.
    static let noCurrentContext = CommandError(.noCurrentContext)
    /// The API server at `server` refused or failed a request.
    static func cluster(_ server: String, _ error: KubeAPIError) -> CommandError { .init(.cluster(server: server, error), underlying: error) }
    /// The DaemonSet is not in the cluster.
    static func noDaemonSet(namespace: String, name: String, context: String) -> CommandError {
        .init(.noDaemonSet(namespace: namespace, name: name, context: context))
    }
    /// The DaemonSet was deleted while its rollout was followed (exit 3).
    static func daemonSetGone(namespace: String, name: String) -> CommandError { .init(.daemonSetGone(namespace: namespace, name: name)) }
    /// The cluster refused `object`; what was applied and what not; the revision recorded as failed (exit 3).
    static func applyFailed(_ object: ObjectIdentity, _ error: KubeAPIError, applied: [String], notApplied: [String],
                            recordedAs: String?) -> CommandError {
        .init(.applyFailed(object: object.title, error, applied: applied, notApplied: notApplied, recordedAs: recordedAs),
              underlying: error)
    }
    /// The rollout did not finish within the timeout (exit 4).
    static func rolloutTimedOut(_ daemonSet: ObjectIdentity, status: String) -> CommandError {
        .init(.rolloutTimedOut(daemonSet: daemonSet.title, status: status))
    }
    /// Another apply of the release holds its Lease past `--lock-timeout` (exit 3).
    static func lockHeld(_ lease: String, holder: String, until: Date) -> CommandError {
        .init(.lockHeld(lease: lease, holder: holder, until: until))
    }
    /// The release's Lease could not be read or written, such as without RBAC permission (exit 3).
    static func lockFailed(_ lease: String, _ error: KubeAPIError) -> CommandError { .init(.lockFailed(lease: lease, error), underlying: error) }
    /// The cluster changed but the ledger could not record the outcome (exit 5).
    static func appliedNotRecorded(_ release: ReleaseID, number: Int, cluster: ClusterTarget, outcome: EventOutcome, changed: [String],
                                   cause: any Error) -> CommandError {
        .init(.appliedNotRecorded(release, number: number, cluster: cluster, outcome: outcome.rawValue, changed: changed,
                                  cause: String(describing: cause)), underlying: cause)
    }
    /// Any other error, kept, reported with the tool's name.
    static func failed(_ error: any Error) -> CommandError { .init(.failed(String(describing: error)), underlying: error) }

    var exitStatus: ExitStatus {
        switch code {
        case .applyFailed, .daemonSetGone, .lockHeld, .lockFailed: return .applyFailed
        case .appliedNotRecorded: return .appliedNotRecorded
        case .rolloutTimedOut: return .rolloutTimedOut
        default: return .error
        }
    }

    var description: String {
        switch code {
        case .noManifest:
            return ErrorReport.line("no manifest given; use -f FILE (or -f - for standard input)")
        case .applyTakesOneManifest(let file, let found):
            return ErrorReport.line("\(file): apply takes one KubernetesDaemonSet manifest (found \(found)); apply each file on its own")
        case .duplicateObject(let kind, let name):
            return ErrorReport.line("two manifests render the same \(kind) '\(name)'; give each DaemonSet its own name or namespace")
        case .noReleaseNamed(let name):
            return ErrorReport.line("no release named '\(name)' in the ledger")
        case .ambiguousRelease(let name, let namespaces):
            return ErrorReport.line("'\(name)' exists in several namespaces (\(namespaces.joined(separator: ", "))); choose one with -n")
        case .noRelease(let release):
            return ErrorReport.line("no release '\(release)' in the ledger")
        case .notRecorded(let release):
            return ErrorReport.line("\(release) was not recorded")
        case .neverApplied(let release, let context, let comparing):
            let advice = comparing ? "; apply it first, or compare a saved object with --live FILE" : ""
            return ErrorReport.line("\(release) was never applied to context '\(context)'\(advice)")
        case .noRevision(let release, let selector, let latest):
            return ErrorReport.line("\(release) has no revision \(selector)" + (latest.map { " (latest is \($0))" } ?? ""))
        case .noDaemonSetInRevision(let release, let number):
            return ErrorReport.line("\(release) revision \(number) has no DaemonSet")
        case .secretWithoutKey:
            return ErrorReport.line("--secret takes KEY=VALUE (got a value without a key)")
        case .secretEnvUnset(let key, let variable):
            return ErrorReport.line("--secret-env \(key): the environment variable \(variable) is not set")
        case .invalidExecTimeout(let value):
            return ErrorReport.line("DSLEDGER_EXEC_TIMEOUT: invalid duration '\(value)'; use a duration such as 90s, 5m or 1h")
        case .secretMismatch(let release, let number, let mismatch):
            return ErrorReport.line("\(release) revision \(number): \(mismatch)")
        case .missingSecretValues(let missing, let number):
            let keys = missing.map { "'\($0.key)' (Secret \($0.secret))" }.joined(separator: ", ")
            return ErrorReport.line("no value for \(keys): the live value no longer matches revision \(number)'s; "
                + "supply it with --secret-env KEY, --secrets-from FILE (- for standard input) or --docker-config FILE")
        case .noSecretKey:
            return ErrorReport.line("cannot make a key to compare secrets")
        case .ledgerLocation(let error):
            return ErrorReport.line(error.description)
        case .noCurrentContext:
            return ErrorReport.line("no current kubeconfig context; name one with --context")
        case .cluster(let server, let error):
            return ErrorReport.line("\(server): \(error)")
        case .noDaemonSet(let namespace, let name, let context):
            return ErrorReport.line("no DaemonSet \(namespace)/\(name) in context '\(context)'")
        case .daemonSetGone(let namespace, let name):
            return ErrorReport.line("DaemonSet \(namespace)/\(name) is gone from the cluster")
        case .applyFailed(let object, let error, let applied, let notApplied, let recordedAs):
            var lines = [ErrorReport.line("\(object): \(error)")]
            if let status = error.status, !status.conflicts.isEmpty {
                lines += status.conflicts.map { "  field \($0.field) is managed by '\($0.manager)'" }
                lines.append("  re-run with --force-conflicts to take these fields over, or change the manifest to agree")
            }
            lines.append("  applied: " + (applied.isEmpty ? "nothing" : applied.joined(separator: ", ")))
            if !notApplied.isEmpty { lines.append("  not applied: " + notApplied.joined(separator: ", ")) }
            if let recordedAs { lines.append("  \(recordedAs) is recorded as failed on this cluster") }
            return lines.joined(separator: "\n")
        case .rolloutTimedOut(let daemonSet, let status):
            return ErrorReport.line("the rollout of \(daemonSet) did not finish within the timeout: \(status)")
        case .lockHeld(let lease, let holder, let until):
            return ErrorReport.line("another apply of this release holds the lock (\(lease)): \(holder), until \(Timestamp.format(until)) "
                + "unless renewed; nothing was applied (recorded as failed); try again when it has finished, or wait longer with --lock-timeout")
        case .lockFailed(let lease, let error):
            let advice = error.status?.code == 403
                ? "; grant get, create and update on leases.coordination.k8s.io in this namespace, or apply with --no-lock "
                    + "(two applies of this release may then interleave)"
                : ""
            return ErrorReport.line("cannot take the lock (\(lease)): \(error)\(advice); nothing was applied (recorded as failed)")
        case .appliedNotRecorded(let release, let number, let cluster, let outcome, let changed, let cause):
            return [ErrorReport.line("\(release) revision \(number) changed the cluster \(cluster) but the ledger could not record "
                                     + "its outcome (\(outcome)): \(cause)"),
                    "  applied: " + changed.joined(separator: ", "),
                    "  the ledger holds only the 'started' event of this apply; history shows it as interrupted once its lock has expired"]
                .joined(separator: "\n")
        case .failed(let text):
            return ErrorReport.placed(text.hasPrefix("error: ") ? text : "error: " + text)
        }
    }
}
