/// The markers that stand in for secret values in recorded objects: `hmac-sha256:<64 hex>`,
/// the HMAC of the value under the ledger's key. Output shows them only as fingerprints.
public enum SecretMarker {
    public static let prefix = "hmac-sha256:"

    public static func isMarker(_ text: String) -> Bool { text.hasPrefix(prefix) }

    /// The marker for an HMAC given in hex.
    public static func marker(hmac: String) -> String { prefix + hmac }

    /// `sha256:1a2b3c4d…` for a marker; other text unchanged.
    public static func fingerprint(_ text: String) -> String {
        isMarker(text) ? "sha256:" + text.dropFirst(prefix.count).prefix(8) + "…" : text
    }

    /// Every marker inside a value replaced by its fingerprint.
    public static func fingerprinted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(fingerprint(text))
        case .array(let items): return .array(items.map(fingerprinted))
        case .object(let members): return .object(members.mapValues(fingerprinted))
        default: return value
        }
    }
}
