/// Why a `--db` / `DSLEDGER_DB` value names no usable ledger.
///
/// Each `url` is the value as given with any password replaced by `***`; no case holds a password.
/// ``description`` is one line: `ledger URL <url>: <what is wrong>; <what to do>`.
public enum LocationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where a setting came from: the URL, or an environment variable such as `PGPORT`.
    public enum Source: Sendable, Hashable {
        /// The ledger URL, as its authority or a query parameter.
        case url
        /// The environment variable of that name.
        case environment(String)
    }

    /// The value is the empty string.
    case empty
    /// The value is `scheme://…` with a scheme other than `postgres` or `postgresql`.
    case unsupportedScheme(String)
    /// The URL breaks libpq's URI syntax; `problem` says where and how to fix it.
    case malformedURL(url: String, problem: String)
    /// A comma-separated list of hosts (libpq's failover), which dsledger does not support.
    case severalHosts(url: String, hosts: String, source: Source)
    /// A port that is not a number from 1 to 65535.
    case invalidPort(url: String, value: String, source: Source)
    /// A query parameter outside the supported set.
    case unknownParameter(url: String, name: String)
    /// An `sslmode` that is not one of ``SSLMode``'s values.
    case invalidSSLMode(url: String, value: String, source: Source)
    /// A `connect_timeout` that is not a non-negative whole number of seconds.
    case invalidConnectTimeout(url: String, value: String, source: Source)
    /// `verify-ca` or `verify-full` with no `sslrootcert` and no `~/.postgresql/root.crt`.
    case missingRootCertificate(url: String, sslMode: SSLMode)
    /// `verify-ca` or `verify-full` with an `sslrootcert` file that does not exist.
    case rootCertificateNotFound(url: String, path: String, sslMode: SSLMode)
    /// `sslrootcert=system` with an `sslmode` weaker than `verify-full` (libpq refuses it too).
    case weakSSLModeWithSystemRoots(url: String, sslMode: SSLMode)
    /// No user in the URL, `PGUSER`, `USER` or `LOGNAME`, and none known to the system.
    case unknownUser(url: String)

    /// The one-line message for the user.
    public var description: String {
        switch self {
        case .empty:
            return "the ledger location is empty; use a file path or postgresql://…"
        case .unsupportedScheme(let scheme):
            return "unsupported ledger URL scheme '\(line(scheme))'; use a file path or postgresql://…"
        case .malformedURL(let url, let problem):
            return "ledger URL \(line(url)): \(line(problem))"
        case .severalHosts(let url, let hosts, let source):
            return "ledger URL \(line(url)): \(Self.name(source, "host")) '\(line(hosts))' names several hosts, "
                + "which dsledger does not support; give one host"
        case .invalidPort(let url, let value, let source):
            return "ledger URL \(line(url)): invalid \(Self.name(source, "port")) '\(line(value))'; "
                + "use a number from 1 to 65535"
        case .unknownParameter(let url, let name):
            return "ledger URL \(line(url)): unknown parameter '\(line(name))'; use "
                + "application_name, connect_timeout, dbname, host, password, port, sslmode, sslrootcert or user"
        case .invalidSSLMode(let url, let value, let source):
            let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            return "ledger URL \(line(url)): invalid \(Self.name(source, "sslmode")) '\(line(value))'; use one of \(modes)"
        case .invalidConnectTimeout(let url, let value, let source):
            return "ledger URL \(line(url)): invalid \(Self.name(source, "connect_timeout")) '\(line(value))'; "
                + "use a whole number of seconds (0 for the default)"
        case .missingRootCertificate(let url, let mode):
            return "ledger URL \(line(url)): sslmode \(mode.rawValue) needs a root certificate: "
                + "set sslrootcert (or put it in ~/.postgresql/root.crt)"
        case .rootCertificateNotFound(let url, let path, let mode):
            return "ledger URL \(line(url)): sslmode \(mode.rawValue) needs the root certificate '\(line(path))', "
                + "which does not exist; fix sslrootcert, or use sslrootcert=system for the system's trusted roots"
        case .weakSSLModeWithSystemRoots(let url, let mode):
            return "ledger URL \(line(url)): sslmode \(mode.rawValue) may not be used with sslrootcert=system; "
                + "use sslmode=verify-full"
        case .unknownUser(let url):
            return "ledger URL \(line(url)): cannot tell the user name; "
                + "put it in the URL (postgresql://user@host/db) or set PGUSER"
        }
    }

    /// `port` for the URL, `port in PGPORT` for an environment variable.
    private static func name(_ source: Source, _ parameter: String) -> String {
        switch source {
        case .url: parameter
        case .environment(let variable): "\(parameter) in \(variable)"
        }
    }

    private func line(_ text: String) -> String {
        PercentEncoding.oneLine(text)
    }
}
