/// Where the ledger lives: a SQLite file, or a PostgreSQL database named by a libpq URL.
///
/// ```swift
/// switch try LedgerLocation.parse(value, environment: ProcessInfo.processInfo.environment,
///                                 homeDirectory: NSHomeDirectory()) {
/// case .file(let path): …
/// case .postgres(let server): server.warnings.forEach { print("warning: \($0)") }
/// }
/// ```
public enum LedgerLocation: Sendable, Hashable {
    /// A SQLite file, its path exactly as given (relative, `~/…` and colons included).
    case file(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// The location named by a `--db` / `DSLEDGER_DB` value.
    ///
    /// `postgres://` and `postgresql://` (in any case) start a libpq connection URI, whose missing
    /// parts come from `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`, the password file,
    /// `PGSSLMODE`, `PGSSLROOTCERT`, `PGCONNECT_TIMEOUT` and `PGAPPNAME`, then libpq's defaults.
    /// Any other `scheme://…` is refused; everything else is a file path. It never prints: see
    /// ``PostgresLocation/warnings``.
    /// - Parameters:
    ///   - value: the `--db` or `DSLEDGER_DB` string.
    ///   - environment: the process environment; an empty variable counts as unset, as in libpq.
    ///   - homeDirectory: the folder of `.pgpass` and `.postgresql/root.crt`; empty for none.
    /// - Throws: ``LocationError``, whose description never holds the password.
    public static func parse(
        _ value: String, environment: [String: String], homeDirectory: String
    ) throws(LocationError) -> LedgerLocation {
        try parse(value, environment: environment, homeDirectory: homeDirectory, systemUserName: SystemUser.name)
    }

    /// ``parse(_:environment:homeDirectory:)`` with the operating system's user name injected.
    static func parse(
        _ value: String, environment: [String: String], homeDirectory: String,
        systemUserName: @escaping () -> String?
    ) throws(LocationError) -> LedgerLocation {
        guard !value.isEmpty else { throw .empty }
        let scalars = value.unicodeScalars[...]
        guard let scheme = scheme(of: scalars) else {
            if scheme(of: scalars.drop { $0.properties.isWhitespace }) != nil {
                throw .malformedURL(url: URLRedaction.redacted(value), problem: "white space before the URL; remove it")
            }
            return .file(path: value)
        }
        guard ["postgres", "postgresql"].contains(scheme.lowercased()) else { throw .unsupportedScheme(scheme) }
        let url = URLRedaction.redacted(value)
        let uri = try ConnectionURI(parsing: scalars.dropFirst(scheme.unicodeScalars.count + 3), url: url)
        let resolver = LocationResolver(
            url: url, environment: environment, homeDirectory: homeDirectory, systemUserName: systemUserName)
        return .postgres(try resolver.resolved(uri))
    }

    /// The location for messages: the path, or ``PostgresLocation/redactedURL``.
    public var displayName: String {
        switch self {
        case .file(let path): path
        case .postgres(let location): location.redactedURL
        }
    }

    /// The scheme of `scheme://…` (ASCII letters, digits, `+`, `-`, `.`), or `nil`; read on
    /// Unicode scalars so that a combining mark after `://` cannot turn a URL into a file name.
    private static func scheme(of value: Substring.UnicodeScalarView) -> String? {
        let schemeSymbols = Set("0123456789+-.".unicodeScalars)
        let scheme = value.prefix { $0.isASCII && ($0.properties.isAlphabetic || schemeSymbols.contains($0)) }
        guard !scheme.isEmpty, value.dropFirst(scheme.count).starts(with: "://".unicodeScalars) else { return nil }
        return String(Substring(scheme))
    }
}

extension LedgerLocation: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// ``displayName``.
    public var description: String { displayName }
    /// ``displayName``.
    public var debugDescription: String { displayName }
    /// One child, `location`: ``displayName``, so `dump` and debuggers do not show a password.
    public var customMirror: Mirror {
        Mirror(self, children: ["location": displayName], displayStyle: .enum)
    }
}
