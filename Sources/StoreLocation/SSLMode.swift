/// libpq's `sslmode`: whether TLS is used and how much of the server's certificate is checked.
///
/// The raw values are libpq's spellings. The default, as in libpq, is ``prefer``.
/// See <https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION>.
public enum SSLMode: String, Sendable, Hashable, CaseIterable {
    /// Plain TCP only.
    case disable
    /// Plain TCP first; TLS if the server insists.
    case allow
    /// TLS if the server offers it, else plain TCP (libpq's default).
    case prefer
    /// TLS, without checking the certificate (libpq checks it as `verify-ca` when a root certificate file exists).
    case require
    /// TLS, and the certificate must chain to the root certificate.
    case verifyCA = "verify-ca"
    /// TLS, the certificate must chain to the root certificate and name the host.
    case verifyFull = "verify-full"

    /// Whether the server's certificate is checked against a root certificate.
    public var verifiesCertificate: Bool {
        self == .verifyCA || self == .verifyFull
    }
}
