import ObjectModel

/// One difference between two revisions.
public struct Change: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case changed, added, removed, reordered, secretChanged
    }

    public var object: ObjectIdentity
    /// The field, empty for a whole object added or removed.
    public var path: FieldPath
    public var kind: Kind
    /// The value before (absent for `added`); secret values only as fingerprints.
    public var old: JSONValue?
    /// The value after (absent for `removed`); for `reordered`, the new order of the keys.
    public var new: JSONValue?
    /// For an item added to a keyed list or a set: its position in the new list.
    public var newIndex: Int?

    public init(object: ObjectIdentity, path: FieldPath, kind: Kind, old: JSONValue? = nil, new: JSONValue? = nil,
                newIndex: Int? = nil) {
        self.object = object
        self.path = path
        self.kind = kind
        self.old = old
        self.new = new
        self.newIndex = newIndex
    }
}
