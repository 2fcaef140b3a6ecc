/// The certificate and key a throwaway PostgreSQL server presents for TLS connections.
///
/// When passed to ``PostgresServer/start(user:password:database:tls:)``, the server runs with
/// `ssl = on`, and its `pg_hba.conf` accepts TLS and plain connections alike, so tests can try
/// every `sslmode` from `disable` to `verify-full`.
public struct TLSFiles: Sendable {
    /// The server's certificate chain as PEM text, leaf first; for `verify-full` it must name
    /// `127.0.0.1` (for example with `subjectAltName = IP:127.0.0.1`).
    public var certificatePEM: String
    /// The server's private key as PEM text, unencrypted.
    public var privateKeyPEM: String

    /// Creates the pair from PEM text.
    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
