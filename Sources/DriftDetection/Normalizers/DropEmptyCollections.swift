import ObjectModel

/// Drops empty objects and arrays (`args: []`, `labels: {}`, `resources: {}`,
/// `securityContext: {}`): `omitempty` collections vanish from server output and empty
/// non-pointer structs are always emitted, so emptiness carries no meaning either way
///. Runs bottom-up, so a struct left empty by earlier rules goes too.
///
/// `emptyDir: {}` is kept: it names a volume's source.
public struct DropEmptyCollections: ObjectNormalizer {
    /// Members kept even when empty.
    public static let meaningfulWhenEmpty: Set<String> = ["emptyDir"]

    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        object.rewritten { key, _, value in
            guard let key, !Self.meaningfulWhenEmpty.contains(key) else { return value }
            switch value {
            case .object(let members) where members.isEmpty: return nil
            case .array(let items) where items.isEmpty: return nil
            default: return value
            }
        }
    }
}
