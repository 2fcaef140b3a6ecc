import ObjectModel

/// Drops `status`: the controllers' report, never part of what was applied.
public struct DropStatus: ObjectNormalizer {
    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        var copy = object
        copy.removeMember(atMemberPath: "status")
        return copy
    }
}
