import KubernetesRules
import ObjectModel
import StructuralDiff

/// Compares the objects dsledger applied with the live objects, and says what drifted, how,
/// and who did it. Pure and deterministic.
///
/// Both sides are normalised (``DriftNormalization``); differences that only serialisation or
/// server defaulting makes are discarded: values equal by ``ValueEquivalence``, fields only
/// live that some server version defaults (`procMount: Default` written by 1.13, `hostPort`
/// copied under `hostNetwork` up to 1.27), and default-only fields that a server of another
/// version would not add. Every other difference is a ``DriftItem``, attributed from the live
/// object's `managedFields`.
///
/// Live objects without an applied counterpart are ignored; Secret values must be sealed with
/// the ledger's key on both sides (unsealed live values are redacted, never shown).
///
/// ```swift
/// let detector = DriftDetector(version: KubernetesVersion(major: 1, minor: 31))
/// let items = detector.items(applied: revisionObjects, live: liveObjects)
/// ```
public struct DriftDetector: Sendable {
    /// The server version whose defaults the applied side gets.
    public var version: KubernetesVersion

    /// Versions whose defaults may linger on objects written by them.
    static let historicVersions = [
        KubernetesVersion(major: 1, minor: 13), KubernetesVersion(major: 1, minor: 21),
        KubernetesVersion(major: 1, minor: 27), KubernetesVersion(major: 1, minor: 33),
    ]

    /// A detector for a server version.
    public init(version: KubernetesVersion) {
        self.version = version
    }

    /// Every drift between `applied` and `live`, sorted by object, then in field order.
    public func items(applied: [JSONValue], live: [JSONValue]) -> [DriftItem] {
        var found: [DriftItem] = []
        for pair in ObjectMatching.pairs(applied: applied, live: live) {
            if let liveObject = pair.live {
                found += items(applied: pair.applied, live: liveObject)
            } else {
                found.append(DriftItem(object: ObjectIdentity(pair.applied), path: FieldPath(), change: .removed))
            }
        }
        return Self.sortedByObject(found)
    }

    /// Items sorted by object, keeping the field order within each object.
    static func sortedByObject(_ items: [DriftItem]) -> [DriftItem] {
        let numbered = Array(items.enumerated())
        let sorted = numbered.sorted { (lhs: (offset: Int, element: DriftItem), rhs: (offset: Int, element: DriftItem)) -> Bool in
            if lhs.element.object == rhs.element.object { return lhs.offset < rhs.offset }
            return lhs.element.object < rhs.element.object
        }
        return sorted.map(\.element)
    }

    /// The report of one release.
    public func report(applied: [JSONValue], live: [JSONValue], release: String? = nil, revision: Int? = nil) -> DriftReport {
        let daemonSet = live.first { $0["kind"]?.stringValue == "DaemonSet" }
        return DriftReport(release: release, revision: revision, liveRevision: daemonSet.flatMap(LiveRevision.init(daemonSet:)),
                           items: items(applied: applied, live: live))
    }

    /// The drift of one applied object against its live counterpart.
    func items(applied: JSONValue, live: JSONValue) -> [DriftItem] {
        let normalization = DriftNormalization(version: version)
        let liveNormalized = normalization.live(live)
        let expected = ObjectMatching.aligned(normalization.applied(applied), with: liveNormalized)
        let candidates = ObjectDiff.changes(from: [expected], to: [liveNormalized]).map(DriftItem.init(change:))
        guard !candidates.isEmpty else { return [] }
        let context = FilterContext(applied: applied, normalization: normalization, items: candidates)
        let ownership = ManagedFields(object: live)
        return candidates.filter { !context.isNoise($0) }.map { $0.attributed(to: ownership.owner(for: $0)) }
    }
}

extension DriftItem {
    /// The drift item of a structural change.
    init(change: Change) {
        let kind: DriftChange
        switch change.kind {
        case .changed: kind = .changed
        case .added: kind = .added
        case .removed: kind = .removed
        case .reordered: kind = .reordered
        case .secretChanged: kind = .secretChanged
        }
        self.init(object: change.object, path: change.path, change: kind, expected: change.old, live: change.new)
    }
}
