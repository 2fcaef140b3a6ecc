/// A PostgreSQL server and database holding the ledger, with every setting resolved as libpq would.
///
/// Made by ``LedgerLocation/parse(_:environment:homeDirectory:)``. Its descriptions, debug
/// description and mirror are all ``redactedURL``, so interpolating it never shows the password.
///
/// ```swift
/// let location = try LedgerLocation.parse("postgresql://ops@db.internal/ledger?sslmode=verify-full",
///                                         environment: env, homeDirectory: home)
/// print(location.displayName)  // postgresql://ops@db.internal:5432/ledger?sslmode=verify-full
/// ```
///
/// ## Topics
///
/// ### Where
/// - ``host``
/// - ``port``
/// - ``endpoint``
/// - ``unixSocketPath``
/// - ``database``
///
/// ### Who
/// - ``user``
/// - ``password``
/// - ``passwordSource``
/// - ``passwordInURL``
///
/// ### How
/// - ``sslMode``
/// - ``sslRootCert``
/// - ``connectTimeout``
/// - ``applicationName``
///
/// ### Showing it
/// - ``redactedURL``
/// - ``warnings``
public struct PostgresLocation: Sendable, Hashable {
    /// A host name, an IPv4 address, an IPv6 address without brackets, or (starting with `/`) the
    /// directory of the server's Unix socket.
    public var host: String
    /// The TCP port, 1…65535; for a socket, the number in its file name.
    public var port: Int
    /// The PostgreSQL role to connect as.
    public var user: String
    /// The password, if one was found; never shown in any text this module makes.
    public var password: String?
    /// Where ``password`` came from.
    public var passwordSource: PasswordSource
    /// The database name.
    public var database: String
    /// Whether and how TLS is used.
    public var sslMode: SSLMode
    /// The root certificate file to verify the server with, or `"system"` for the system's trust store.
    public var sslRootCert: String?
    /// Seconds to wait for the connection; `nil` means the caller's default.
    public var connectTimeout: Int?
    /// The `application_name` reported to the server.
    public var applicationName: String?
    /// Things the user should know, one line each, for the caller to print; never holding the password.
    public var warnings: [String]

    /// A location with libpq's defaults for what is not given.
    public init(
        host: String = "localhost", port: Int = 5432, user: String, password: String? = nil,
        passwordSource: PasswordSource = .none, database: String, sslMode: SSLMode = .prefer,
        sslRootCert: String? = nil, connectTimeout: Int? = nil, applicationName: String? = nil,
        warnings: [String] = []
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.passwordSource = passwordSource
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
        self.warnings = warnings
    }

    /// Whether ``host`` is a socket directory (libpq: a host starting with `/`).
    public var isUnixSocket: Bool {
        host.hasPrefix("/")
    }

    /// `/dir/.s.PGSQL.<port>` when ``host`` is a socket directory, else `nil`.
    public var unixSocketPath: String? {
        guard isUnixSocket else { return nil }
        var directory = Substring(host)
        while directory.hasSuffix("/") { directory = directory.dropLast() }
        return "\(directory)/.s.PGSQL.\(port)"
    }

    /// Where to connect: `host:port`, `[::1]:5432` for IPv6, or the socket's path.
    public var endpoint: String {
        if let unixSocketPath { return unixSocketPath }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether the password came from the URL, which other users can read in `ps` and `/proc`.
    public var passwordInURL: Bool {
        passwordSource == .url
    }

    /// `postgresql://user:***@host:port/db?sslmode=…`: `:***` when there is a password (from
    /// wherever it came), never the password; a socket directory is percent-encoded (`%2Ftmp`).
    public var redactedURL: String {
        let userInfo = PercentEncoding.encoded(user) + (password == nil ? "" : ":" + URLRedaction.mask)
        let shownHost: String
        if isUnixSocket {
            shownHost = PercentEncoding.encoded(host)
        } else if host.contains(":") {
            shownHost = "[" + PercentEncoding.encoded(host, keeping: [UInt8(ascii: ":")]) + "]"
        } else {
            shownHost = PercentEncoding.encoded(host)
        }
        return "postgresql://\(userInfo)@\(shownHost):\(port)/\(PercentEncoding.encoded(database))"
            + "?sslmode=\(sslMode.rawValue)"
    }
}

extension PostgresLocation: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// ``redactedURL``.
    public var description: String { redactedURL }
    /// ``redactedURL``.
    public var debugDescription: String { redactedURL }
    /// One child, `url`: ``redactedURL``, so `dump` and debuggers do not show the password.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": redactedURL], displayStyle: .struct)
    }
}
