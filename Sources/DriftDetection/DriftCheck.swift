import KubernetesRules
import ObjectModel

/// Fetches the live objects of one or many releases and reports their drift.
///
/// One release is read with a GET per applied object; many releases (`drift --all`) with one
/// LIST per kind (per namespace when all of that kind share one, else cluster-wide), never a
/// GET per object.
///
/// ```swift
/// let check = DriftCheck(reader: clusterReader, version: serverVersion,
///                        sealLiveSecrets: { SecretSeal.sealed([$0], key: key).objects[0] })
/// let reports = try await check.reports(for: releases)
/// ```
public struct DriftCheck: Sendable {
    /// Where live objects come from.
    public var reader: any LiveObjectReader
    /// The server's version (its defaults go on the applied side).
    public var version: KubernetesVersion
    /// A label selector passed to every LIST (e.g. `app.kubernetes.io/managed-by=dsledger`).
    public var labelSelector: String?
    /// Seals a live Secret's values with the ledger's HMAC key (called for Secrets only).
    public var sealLiveSecret: @Sendable (JSONValue) -> JSONValue

    /// A check reading through `reader`.
    public init(reader: any LiveObjectReader, version: KubernetesVersion, labelSelector: String? = nil,
                sealLiveSecret: @escaping @Sendable (JSONValue) -> JSONValue) {
        self.reader = reader
        self.version = version
        self.labelSelector = labelSelector
        self.sealLiveSecret = sealLiveSecret
    }

    /// The report of each release, in the order given.
    ///
    /// - Throws: whatever the reader throws.
    public func reports(for releases: [ReleaseObjects]) async throws -> [DriftReport] {
        let live = try await fetch(LiveFetchPlan(releases: releases)).map(sealed)
        let index = LiveIndex(live)
        let detector = DriftDetector(version: version)
        return releases.map { release in
            detector.report(applied: release.objects, live: index.counterparts(of: release.objects),
                            release: release.release, revision: release.revision)
        }
    }

    /// The report of one release.
    public func report(for release: ReleaseObjects) async throws -> DriftReport {
        let reports = try await reports(for: [release])
        return reports.first ?? DriftReport(release: release.release, revision: release.revision, items: [])
    }

    private func fetch(_ plan: LiveFetchPlan) async throws -> [JSONValue] {
        let reader = self.reader, selector = labelSelector
        return try await withThrowingTaskGroup(of: [JSONValue].self) { group in
            for request in plan.lists {
                group.addTask {
                    let items = try await reader.objects(apiVersion: request.apiVersion, kind: request.kind,
                                                         namespace: request.namespace, labelSelector: selector)
                    return items.map { Self.withIdentity($0, apiVersion: request.apiVersion, kind: request.kind) }
                }
            }
            for request in plan.gets {
                group.addTask {
                    let found = try await reader.object(apiVersion: request.apiVersion, kind: request.kind,
                                                        namespace: request.namespace, name: request.name)
                    return found.map { [Self.withIdentity($0, apiVersion: request.apiVersion, kind: request.kind)] } ?? []
                }
            }
            var all: [JSONValue] = []
            for try await objects in group { all += objects }
            return all
        }
    }

    private func sealed(_ object: JSONValue) -> JSONValue {
        object.kindName == "Secret" ? sealLiveSecret(object) : object
    }

    /// A list item with the kind and apiVersion of its list.
    static func withIdentity(_ object: JSONValue, apiVersion: String, kind: String) -> JSONValue {
        var copy = object
        if copy["kind"] == nil || copy["kind"] == .null { copy["kind"] = .string(kind) }
        if copy["apiVersion"] == nil || copy["apiVersion"] == .null { copy["apiVersion"] = .string(apiVersion) }
        return copy
    }
}

/// Live objects by kind, namespace and name.
struct LiveIndex {
    let objects: [ObjectMatching.Key: JSONValue]

    init(_ live: [JSONValue]) {
        objects = Dictionary(live.map { (ObjectMatching.key(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The live objects with the identities of `applied`.
    func counterparts(of applied: [JSONValue]) -> [JSONValue] {
        applied.compactMap { objects[ObjectMatching.key(of: $0)] }
    }
}
