import ObjectModel

/// Drops every object member whose value is `null`: an explicit `null` (in a last-applied
/// configuration, or `creationTimestamp: null` in a pod template up to 1.33) means the same as
/// an absent field. Array items are kept.
public struct DropNulls: ObjectNormalizer {
    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        object.rewritten { key, _, value in
            key != nil && value == .null ? nil : value
        }
    }
}
