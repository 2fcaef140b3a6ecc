import ObjectModel
import StructuralDiff

/// How a live field differs from what dsledger applied.
public enum DriftChange: String, Sendable, Hashable, CaseIterable {
    /// A field dsledger set has another value live.
    case changed
    /// A field dsledger did not set, and which is no server default, is present live.
    case added
    /// A field, list item or whole object dsledger applied is gone.
    case removed
    /// A Secret value whose HMAC differs from the recorded one (values never shown).
    case secretChanged
    /// The items of a keyed list (containers, env, volumes…) are in another order.
    case reordered

    /// The past-tense verb used in attributions: "changed by kubectl-edit".
    var verb: String {
        switch self {
        case .changed: return "changed"
        case .added: return "added"
        case .removed: return "removed"
        case .secretChanged: return "secret changed"
        case .reordered: return "reordered"
        }
    }
}

/// One difference between an applied object and its live counterpart, with who made it.
///
/// `expected` and `live` are normalised values (defaults filled in, quantities as the server
/// writes them); Secret values appear only as fingerprints (`sha256:1a2b3c4d…`). For
/// `reordered`, both hold the keys of the list in their order.
public struct DriftItem: Sendable, Hashable {
    /// The object, as dsledger applied it (apiVersion, kind, namespace, name).
    public var object: ObjectIdentity
    /// The field, printed like `spec.template.spec.containers[name=app].image`; empty for a
    /// whole object.
    public var path: FieldPath
    /// The class of the difference.
    public var change: DriftChange
    /// What dsledger applied (after normalisation); `nil` for `added`.
    public var expected: JSONValue?
    /// What the cluster holds (after normalisation); `nil` for `removed`.
    public var live: JSONValue?
    /// The field manager that last wrote the path (for `removed`, the one owning its parent);
    /// `nil` when the live object has no managedFields or nobody owns the path.
    public var manager: String?
    /// That manager's operation: `Update` or `Apply`.
    public var operation: String?
    /// When that manager last wrote, RFC 3339 UTC as the server reports it.
    public var time: String?

    /// An item; attribution is usually filled in afterwards from the live managedFields.
    public init(object: ObjectIdentity, path: FieldPath, change: DriftChange, expected: JSONValue? = nil,
                live: JSONValue? = nil, manager: String? = nil, operation: String? = nil, time: String? = nil) {
        self.object = object
        self.path = path
        self.change = change
        self.expected = expected
        self.live = live
        self.manager = manager
        self.operation = operation
        self.time = time
    }

    /// The item attributed to `owner`, or unattributed when `owner` is `nil`.
    func attributed(to owner: FieldOwner?) -> DriftItem {
        var copy = self
        copy.manager = owner?.manager
        copy.operation = owner?.operation
        copy.time = owner?.time
        return copy
    }
}
