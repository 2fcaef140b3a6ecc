import ObjectModel

/// Replaces any Secret `data` or `stringData` value that is not an HMAC marker by a fixed
/// placeholder, so a caller that forgot to seal live Secrets can never make a plaintext (or
/// base64) value reach a drift report. The placeholder differs from every marker, so such a
/// value shows as drift rather than passing silently.
public struct RedactUnsealedSecretValues: ObjectNormalizer {
    /// What an unsealed value becomes.
    public static let placeholder = "(unsealed secret value)"

    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        guard object.kindName == "Secret", case .object(var members) = object else { return object }
        for field in ["data", "stringData"] {
            guard case .object(let entries)? = members[field] else { continue }
            members[field] = .object(entries.mapValues { value in
                if case .string(let text) = value, SecretMarker.isMarker(text) { return value }
                return value == .null ? value : .string(Self.placeholder)
            })
        }
        return .object(members)
    }
}
