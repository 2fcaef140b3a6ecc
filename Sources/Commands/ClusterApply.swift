import DriftDetection
import Foundation
import KubeAPI
import Ledger
import ObjectModel

/// Server-side applies one revision's objects, in order, and says what happened to each.
///
/// Objects go in the order they were rendered (Namespace first, DaemonSet last); the first
/// failure stops the apply so a DaemonSet never starts before its Secrets and ConfigMaps exist.
struct ClusterApply {
    /// The field manager dsledger applies as.
    static let fieldManager = "dsledger"
    /// The DaemonSet annotations that say which revision is live.
    static let revisionAnnotation = LiveRevision.revisionAnnotation
    static let digestAnnotation = LiveRevision.contentDigestAnnotation
    /// The annotation holding the chain digest of the revision applied: the cluster's own witness
    /// of the ledger's link, which `drift` checks against the ledger.
    static let chainDigestAnnotation = LiveRevision.chainDigestAnnotation

    let client: KubeClient
    let force: Bool
    let dryRun: Bool

    /// One object's outcome.
    struct ObjectResult: Sendable {
        var name: ObjectIdentity
        var resourceVersion: String?
    }

    /// What one apply did: applied objects, the one that failed (with the server's error) and
    /// those not attempted after it.
    struct Report: Sendable {
        var applied: [ObjectResult] = []
        var failure: (name: ObjectIdentity, error: KubeAPIError)?
        var notAttempted: [ObjectIdentity] = []
        var pruned: [ObjectIdentity] = []
        var leftBehind: [ObjectIdentity] = []

        var succeeded: Bool { failure == nil && notAttempted.isEmpty }

        /// What changed in the cluster, for messages: `Secret ops/agent-env` applied, then pruned ones.
        var changed: [String] { applied.map(\.name.title) + pruned.map { "\($0.title) (pruned)" } }
    }

    /// The DaemonSets of `objects` with the revision annotations on their own metadata (never the
    /// pod template, so applying them restarts no pod). `chainDigest` is `nil` only for a server
    /// dry run of a revision not recorded yet.
    static func annotated(_ objects: [JSONValue], revision: Int, contentDigest: String, chainDigest: String?) -> [JSONValue] {
        objects.map { object in
            guard object["kind"]?.stringValue == "DaemonSet", case .object(var metadata)? = object["metadata"] else { return object }
            var annotations = metadata["annotations"]?.objectValue ?? [:]
            annotations[revisionAnnotation] = .string(String(revision))
            annotations[digestAnnotation] = .string(contentDigest)
            if let chainDigest { annotations[chainDigestAnnotation] = .string(chainDigest) }
            metadata["annotations"] = .object(annotations)
            var copy = object
            copy["metadata"] = .object(metadata)
            return copy
        }
    }

    /// Applies `objects` in order, stopping at the first failure.
    ///
    /// A server dry run cannot check objects inside a Namespace it only pretended to create:
    /// those are reported as not checked rather than as failures.
    func apply(_ objects: [JSONValue], report: inout Report, progress: (String) -> Void) async {
        let pretendNamespaces = Set(objects.filter { $0["kind"]?.stringValue == "Namespace" }.map { ObjectIdentity($0).name })
        for (index, object) in objects.enumerated() {
            let name = ObjectIdentity(object)
            // Cancelled (SIGINT, SIGTERM): stop between two objects.
            guard !Task.isCancelled else {
                report.notAttempted = objects[index...].map(ObjectIdentity.init)
                return
            }
            do {
                let live = try await client.apply(object, fieldManager: Self.fieldManager, force: force, dryRun: dryRun)
                let version = live.value(atMemberPath: "metadata.resourceVersion")?.stringValue
                report.applied.append(ObjectResult(name: name, resourceVersion: version))
                progress("\(name.kubectl) \(dryRun ? "serverside-applied (server dry run)" : "serverside-applied")")
            } catch where dryRun && error.status?.isNotFound == true && pretendNamespaces.contains(name.namespace ?? "") {
                progress("\(name.kubectl) not checked: namespace \(name.namespace ?? "") does not exist yet (server dry run)")
            } catch {
                report.failure = (name, Self.kept(error, about: name))
                report.notAttempted = objects[(index + 1)...].map(ObjectIdentity.init)
                return
            }
        }
    }

    /// What is kept and shown of a failure about `object`: for a Secret only the status code and
    /// reason, since the server's message may quote the Secret's data (an admission webhook's
    /// may); for anything else the server's message, which ``APIStatusError`` caps.
    static func kept(_ error: KubeAPIError, about object: ObjectIdentity) -> KubeAPIError {
        object.kind == "Secret" ? error.withheldMessage : error
    }

    /// The kinds dsledger renders that `--prune` may delete. Never a Namespace: deleting one
    /// deletes everything in it, so a Namespace no longer rendered is only listed.
    static let prunable: [APIResource] = [.configMaps, .secrets, .serviceAccounts, .roles, .roleBindings,
                                          .clusterRoles, .clusterRoleBindings, .daemonSets]

    /// Finds the release's objects in the cluster (by dsledger's labels, one LIST per kind) that
    /// are no longer rendered, and deletes them with `prune` or lists them otherwise.
    func prune(release: ReleaseID, current: [JSONValue], prune: Bool, report: inout Report, progress: (String) -> Void) async {
        let selector = "app.kubernetes.io/managed-by=dsledger,planton.ai/name=\(release.name)"
        let kept = Set(current.map(ObjectIdentity.init))
        var stale: [(APIResource, ObjectIdentity)] = []
        for resource in Self.prunable {
            do {
                let live = try await client.list(resource, namespace: resource.namespaced ? release.namespace : nil,
                                                 labelSelector: selector)
                for object in live {
                    let name = ObjectIdentity(object)
                    // Cluster-scoped objects are named `<namespace>:<name>`; a release of the same
                    // name in another namespace has its own.
                    guard resource.namespaced || name.name.hasPrefix(release.namespace + ":"), !kept.contains(name) else { continue }
                    stale.append((resource, name))
                }
            } catch {
                report.failure = (ObjectIdentity(apiVersion: resource.apiVersion, kind: resource.kind, namespace: nil, name: "*"), error)
                return
            }
        }
        for (resource, name) in stale {
            guard !Task.isCancelled else { return }
            guard prune else {
                report.leftBehind.append(name)
                continue
            }
            do {
                _ = try await client.delete(resource, namespace: name.namespace, name: name.name, dryRun: dryRun)
                report.pruned.append(name)
                progress("\(name.kubectl) pruned\(dryRun ? " (server dry run)" : "")")
            } catch {
                report.failure = (name, Self.kept(error, about: name))
                return
            }
        }
    }
}

extension ClusterApply.Report {
    /// The event detail: every object with its resourceVersion, what failed and why, what was
    /// not attempted, pruned or left behind. No object content, so no secret value.
    var detail: JSONValue {
        var detail: [String: JSONValue] = [
            "applied": .array(applied.map { result in
                var entry = result.name.json
                if let version = result.resourceVersion { entry["resourceVersion"] = .string(version) }
                return .object(entry)
            }),
        ]
        if let failure {
            var entry = failure.name.json
            entry["error"] = .string(failure.error.description)
            detail["failed"] = .object(entry)
        }
        if !notAttempted.isEmpty { detail["notAttempted"] = .array(notAttempted.map { .object($0.json) }) }
        if !pruned.isEmpty { detail["pruned"] = .array(pruned.map { .object($0.json) }) }
        if !leftBehind.isEmpty { detail["notPruned"] = .array(leftBehind.map { .object($0.json) }) }
        return .object(detail)
    }
}
