import KubernetesRules
import ObjectModel
import StructuralDiff

/// What an apply or a rollback would change in the cluster, object by object: the answer of
/// `apply --diff` and `rollback --diff`.
///
/// Built from what the API server would store (a server-side dry run) against what is live now,
/// both through the live side of ``DriftNormalization``, so server defaults, `managedFields`,
/// `resourceVersion` and status make no noise. The DaemonSet's revision annotations
/// (``LiveRevision``) are left out: they say which revision is live, and change with every
/// apply without changing what runs.
public struct ApplyPreview: Sendable, Equatable {
    /// The field changes to objects that exist, in apply order, each field once; secret values
    /// as fingerprints.
    public var changes: [PreviewChange] = []
    /// Objects the apply would create, whole (normalised, secret values as markers).
    public var created: [JSONValue] = []
    /// Objects `--prune` would delete, whole, as they are live.
    public var pruned: [JSONValue] = []
    /// Objects no longer rendered that the apply would leave in place (no `--prune`).
    public var leftInPlace: [ObjectIdentity] = []

    public init() {}

    /// True when the apply would change nothing in the cluster (objects left in place are not a change).
    public var isEmpty: Bool { changes.isEmpty && created.isEmpty && pruned.isEmpty }

    /// The changes that take a field from another field manager.
    public var conflicts: [PreviewChange] { changes.filter { $0.conflict != nil } }

    /// Adds the changes from `live` to `wouldBe` (both as the API server returns them): secret
    /// values must be sealed with the ledger's key on both sides. A field another manager owns
    /// now and the apply changes is a conflict naming that manager; `fieldManager` is dsledger's own.
    public mutating func compare(live: JSONValue, wouldBe: JSONValue, fieldManager: String) {
        let old = Self.normalised(live)
        let new = ObjectMatching.aligned(Self.normalised(wouldBe), with: old)
        let ownership = ManagedFields(object: live)
        for var change in ObjectDiff.changes(from: [old], to: [new]) {
            change.old = change.old.map(SecretMarker.fingerprinted)
            change.new = change.new.map(SecretMarker.fingerprinted)
            var owner: FieldOwner?
            // A removed field is one dsledger no longer sets: nobody else's value is overwritten.
            if change.kind != .removed, !change.path.isEmpty { owner = ownership.owner(of: change.path) }
            changes.append(PreviewChange(change: change, conflict: owner?.manager == fieldManager ? nil : owner))
        }
    }

    /// Adds `object`, which the apply would create, whole.
    public mutating func create(_ object: JSONValue) {
        created.append(Self.normalised(object))
    }

    /// Adds `live`, which `--prune` would delete, whole.
    public mutating func prune(_ live: JSONValue) {
        pruned.append(Self.normalised(live))
    }

    /// An object as a preview shows it: normalised as a live object is for drift, without the
    /// revision annotations.
    public static func normalised(_ object: JSONValue) -> JSONValue {
        var copy = DriftNormalization(version: KubernetesVersion(major: 1, minor: 0)).live(object)
        guard case .object(var metadata)? = copy["metadata"], case .object(var annotations)? = metadata["annotations"] else { return copy }
        for name in LiveRevision.annotations { annotations[name] = nil }
        metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        copy["metadata"] = .object(metadata)
        return copy
    }

    /// What a server-side apply of the sealed Secret `desired` would leave, for a Secret whose
    /// values are not known and so is never sent: `live`'s data keys that another manager owns,
    /// then every key of `desired`; labels and annotations of `desired` over `live`'s. Both
    /// sealed with the ledger's key.
    public static func secretWouldBe(live: JSONValue, desired: JSONValue, fieldManager: String) -> JSONValue {
        let ownership = ManagedFields(object: live)
        var result = live
        for field in ["data", "stringData"] {
            var members: [String: JSONValue] = [:]
            for (key, value) in live[field]?.objectValue ?? [:]
            where ownership.owner(of: FieldPath().field(field).key(key))?.manager != fieldManager {
                members[key] = value
            }
            for (key, value) in desired[field]?.objectValue ?? [:] { members[key] = value }
            result[field] = members.isEmpty ? nil : .object(members)
        }
        if let type = desired["type"] { result["type"] = type }
        guard case .object(var metadata)? = result["metadata"] else { return result }
        for field in ["labels", "annotations"] {
            var members = metadata[field]?.objectValue ?? [:]
            for (key, value) in desired["metadata"]?[field]?.objectValue ?? [:] { members[key] = value }
            metadata[field] = members.isEmpty ? nil : .object(members)
        }
        result["metadata"] = .object(metadata)
        return result
    }
}

/// One field an apply would change, and the manager it would take the field from.
public struct PreviewChange: Sendable, Equatable {
    /// The change, from live (`old`) to what the server would store (`new`).
    public var change: Change
    /// The other field manager that owns the field now: the apply takes it over only with
    /// `--force-conflicts`, and is refused without it.
    public var conflict: FieldOwner?

    public init(change: Change, conflict: FieldOwner? = nil) {
        self.change = change
        self.conflict = conflict
    }
}

extension LiveRevision {
    /// The three annotations, for what must leave them out.
    public static let annotations = [revisionAnnotation, contentDigestAnnotation, chainDigestAnnotation]
}
