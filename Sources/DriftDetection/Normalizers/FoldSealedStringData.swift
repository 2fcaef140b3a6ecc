import ObjectModel

/// Moves a Secret's `stringData` into `data`, as the server does on write, without re-encoding: once sealed, both hold HMAC markers of the plain value, which
/// is what the live `data` seals to. `stringData` wins over `data` for the same key.
///
/// Runs on the applied side before ``ApplyServerDefaults`` (whose Secret rule would base64 the
/// markers).
public struct FoldSealedStringData: ObjectNormalizer {
    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        guard object.kindName == "Secret", case .object(var members) = object,
            let stringData = members.removeValue(forKey: "stringData")
        else { return object }
        var data = members["data"]?.objectValue ?? [:]
        for (key, value) in stringData.objectValue ?? [:] where value != .null {
            data[key] = value
        }
        if !data.isEmpty { members["data"] = .object(data) }
        return .object(members)
    }
}
