import Crypto

extension JSONValue {
    /// SHA-256 of the value's compact canonical JSON, as `sha256:<64 hex digits>`.
    ///
    /// Two values have the same digest exactly when they are equal, whatever the order their
    /// object members were built in.
    public var contentDigest: String {
        let digest = SHA256.hash(data: Array(CanonicalJSON.compact(self).utf8))
        return "sha256:" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
