/// Why a signing or public key file cannot be used. Each message names the file and says what to do.
public enum CheckpointKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file does not exist.
    case missingFile(String)
    /// The file exists but cannot be read; `reason` is the system's.
    case unreadable(String, reason: String)
    /// The file is not a PEM document.
    case notPEM(String)
    /// A private key encrypted with a passphrase (`-----BEGIN ENCRYPTED PRIVATE KEY-----`).
    case encrypted(String)
    /// A PEM document of another kind than the one asked for (`found` is its label, such as `CERTIFICATE`).
    case wrongDocument(String, expected: String, found: String)
    /// A key of another algorithm (`found` names it, such as `P256.PrivateKey`).
    case notEd25519(String, found: String)
    /// A PEM document of the right kind whose contents do not decode as a key.
    case invalidKey(String, reason: String)

    public var description: String {
        switch self {
        case .missingFile(let file):
            "\(file): error: no such key file; make one with `openssl genpkey -algorithm ed25519 -out FILE` "
                + "(its public key: `openssl pkey -in FILE -pubout -out FILE.pub`)"
        case .unreadable(let file, let reason):
            "\(file): error: cannot read the key file: \(reason)"
        case .notPEM(let file):
            "\(file): error: not a PEM key file; expected the output of `openssl genpkey -algorithm ed25519` "
                + "or `openssl pkey -pubout`"
        case .encrypted(let file):
            "\(file): error: the private key is encrypted; dsledger reads unencrypted keys only "
                + "(`openssl pkey -in \(file) -out FILE` writes it unencrypted; keep that file private)"
        case .wrongDocument(let file, let expected, let found):
            "\(file): error: holds a '\(found)' PEM document where \(expected) was expected"
                + (found.contains("PRIVATE") ? "; give the public key (`openssl pkey -in \(file) -pubout`)" : "")
        case .notEd25519(let file, let found):
            "\(file): error: not an Ed25519 key (found \(found)); make one with `openssl genpkey -algorithm ed25519`"
        case .invalidKey(let file, let reason):
            "\(file): error: the key does not decode: \(reason)"
        }
    }
}
