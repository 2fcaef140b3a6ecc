import Foundation
import KubeAPI
import Ledger
import ObjectModel

/// The lock an apply or rollback holds on its release in one cluster, so that two applies of one
/// release (from two ledgers, two CI runners) never interleave their objects: a
/// `coordination.k8s.io/v1` Lease named `dsledger-<release>` in the release's namespace
/// (https://kubernetes.io/docs/concepts/architecture/leases/).
///
/// Acquired by creating it, or by replacing a free or expired one on its `resourceVersion`
/// (optimistic concurrency: of two writers, the second gets 409 Conflict); renewed while the
/// apply runs; released at the end by clearing its holder. A Lease is expired when its
/// `renewTime` plus `leaseDurationSeconds` has passed on this machine's clock.
struct ReleaseLease: Sendable {
    let client: KubeClient
    let namespace: String
    let name: String
    /// Who holds it: the author, the host and the operation id.
    let holder: String
    /// `leaseDurationSeconds`: how long the lease holds without renewal.
    let duration: Int
    let now: @Sendable () -> Date

    /// The Lease of a release: `dsledger-<name>` in its namespace.
    static func name(of release: ReleaseID) -> String { "dsledger-" + release.name }

    /// What one attempt to take the lease found.
    enum Attempt {
        /// Taken: the Lease as stored (its `resourceVersion` renews it).
        case acquired(JSONValue)
        /// Another apply holds it until `until`, unless it renews it.
        case held(by: String, until: Date)
    }

    /// Takes the lease when it is absent, free or expired; otherwise says who holds it.
    func tryAcquire(conflictsLeft: Int = 3) async throws(KubeAPIError) -> Attempt {
        let live = try await client.get(.leases, namespace: namespace, name: name)
        if let live, let (other, until) = Self.holder(of: live), other != holder, until > now() {
            return .held(by: other, until: until)
        }
        do {
            guard let live else { return .acquired(try await client.create(.leases, namespace: namespace, lease(replacing: nil))) }
            return .acquired(try await client.replace(.leases, namespace: namespace, name: name, lease(replacing: live)))
        } catch where error.status?.code == 409 && conflictsLeft > 0 {
            // Someone wrote it between our read and our write: read it again.
            return try await tryAcquire(conflictsLeft: conflictsLeft - 1)
        }
    }

    /// Renews `lease` (our last write of it): a new `renewTime` on its `resourceVersion`.
    func renew(_ lease: JSONValue) async throws(KubeAPIError) -> JSONValue {
        var renewed = lease
        renewed["spec"]?["renewTime"] = .string(Self.microTime(now()))
        return try await client.replace(.leases, namespace: namespace, name: name, renewed)
    }

    /// Frees `lease` (our last write of it) for the next apply: no holder.
    func release(_ lease: JSONValue) async throws(KubeAPIError) {
        var freed = lease
        freed["spec"]?["holderIdentity"] = nil
        freed["spec"]?["renewTime"] = .string(Self.microTime(now()))
        _ = try await client.replace(.leases, namespace: namespace, name: name, freed)
    }

    /// The Lease to write: ours, taking over `live` (its `resourceVersion` and transitions) when given.
    private func lease(replacing live: JSONValue?) -> JSONValue {
        let time = JSONValue.string(Self.microTime(now()))
        var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace),
                                   "labels": ["app.kubernetes.io/managed-by": "dsledger"]]
        var transitions: Int64 = 0
        if let live {
            metadata["resourceVersion"] = live["metadata"]?["resourceVersion"]
            transitions = (live.value(atMemberPath: "spec.leaseTransitions")?.intValue ?? 0) + 1
        }
        return ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": metadata,
                "spec": ["holderIdentity": .string(holder), "leaseDurationSeconds": .int(Int64(duration)),
                         "acquireTime": time, "renewTime": time, "leaseTransitions": .int(transitions)]]
    }

    /// The holder of a live Lease and when it expires; `nil` when it has no holder.
    static func holder(of lease: JSONValue) -> (String, Date)? {
        guard let holder = lease.value(atMemberPath: "spec.holderIdentity")?.stringValue, !holder.isEmpty else { return nil }
        let renewed = (lease.value(atMemberPath: "spec.renewTime") ?? lease.value(atMemberPath: "spec.acquireTime"))?
            .stringValue.flatMap(Timestamp.parse) ?? .distantPast
        let seconds = lease.value(atMemberPath: "spec.leaseDurationSeconds")?.intValue ?? 0
        return (holder, renewed.addingTimeInterval(TimeInterval(seconds)))
    }

    /// A Kubernetes MicroTime: RFC 3339 with six fractional digits, which the API server requires.
    static func microTime(_ date: Date) -> String {
        String(Timestamp.format(date).dropLast()) + "000Z"
    }
}
