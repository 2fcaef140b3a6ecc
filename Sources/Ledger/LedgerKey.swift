/// The ledger's HMAC key is one per ledger: the ledger keeps the key's id (an HMAC of a
/// constant, which says nothing of the key), and a writer with another key is refused, since
/// every secret it sealed would look changed and nothing it hashed could be compared.
public enum LedgerKey {
    /// The setting that holds the id.
    public static let setting = "hmac-key-id"

    /// The key's id: HMAC-SHA256(key, a constant) in hex.
    public static func id(of key: SecretKey) -> String {
        key.hmac("dsledger key id v1")
    }

    /// Checks `key` against the id the ledger keeps; a ledger that keeps none yet adopts it
    /// (a read-only role cannot, and only reads).
    /// - Throws: ``StoreError/keyMismatch(location:keyFile:)`` naming `keyFile`.
    public static func check(_ key: SecretKey, keyFile: String, store: any RevisionStore) async throws(StoreError) {
        let id = id(of: key)
        var kept = try await store.settings()[setting]
        if kept == nil {
            do {
                kept = try await store.adoptSetting(setting, value: id)
            } catch .permissionDenied {
                return
            }
        }
        guard kept == id else { throw .keyMismatch(location: store.location, keyFile: keyFile) }
    }
}
