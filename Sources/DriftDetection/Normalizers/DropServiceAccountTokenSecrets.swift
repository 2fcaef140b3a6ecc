import ObjectModel

/// Drops the `<serviceaccount>-token-xxxxx` entries the token controller added to a
/// ServiceAccount's `secrets` up to 1.23. Objects created then keep the entry
/// after an upgrade, so the rule applies whatever the server version.
public struct DropServiceAccountTokenSecrets: ObjectNormalizer {
    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        guard object.kindName == "ServiceAccount", let name = object["metadata"]?["name"]?.stringValue,
            case .array(let secrets)? = object["secrets"]
        else { return object }
        let prefix = name + "-token-"
        let kept = secrets.filter { ($0["name"]?.stringValue ?? "").hasPrefix(prefix) == false }
        var copy = object
        copy["secrets"] = .array(kept)
        return copy
    }
}
