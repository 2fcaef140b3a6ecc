/// Why a throwaway PostgreSQL server could not be set up, started or queried.
public enum PostgresServerError: Error, CustomStringConvertible, Sendable {
    /// No `initdb` was found in any of the `searched` places.
    case binariesNotFound(searched: [String])
    /// The tests run as root and there is no way to run the server as another account.
    case noServerAccount(String)
    /// The `postgres` account cannot reach the temporary folder (a folder above it is not searchable).
    case unreachableFolder(String)
    /// No loopback port could be reserved.
    case noFreePort(String)
    /// A file could not be given to the server's account.
    case fileSystem(path: String, reason: String)
    /// A program exited with a non-zero status; `output` is what it printed.
    case commandFailed(command: String, status: Int32, output: String)
    /// The server did not start or did not accept connections in time; `log` is the tail of its log.
    case startFailed(port: Int, reason: String, log: String)
    /// The server was destroyed and cannot be used again.
    case destroyed

    public var description: String {
        switch self {
        case .binariesNotFound(let searched):
            return "postgres: no PostgreSQL server programs found (looked for initdb in \(searched.joined(separator: ", "))); "
                + "install them with 'apt-get install -y postgresql' (or run scripts/prerequisites)"
        case .noServerAccount(let reason):
            return "postgres: PostgreSQL refuses to run as root and the tests run as root, but \(reason); "
                + "install the 'postgresql' package (it creates the account) or run the tests as another user"
        case .unreachableFolder(let path):
            return "postgres: the 'postgres' account cannot reach '\(path)'; set TMPDIR to a folder it can reach, such as /tmp"
        case .noFreePort(let reason):
            return "postgres: could not reserve a loopback port: \(reason)"
        case .fileSystem(let path, let reason):
            return "postgres: could not prepare '\(path)': \(reason)"
        case .commandFailed(let command, let status, let output):
            return "postgres: '\(command)' exited with status \(status):\n\(output)"
        case .startFailed(let port, let reason, let log):
            return "postgres: the server on port \(port) did not start: \(reason)\n--- end of the server log ---\n\(log)"
        case .destroyed:
            return "postgres: the server was destroyed; start a new one"
        }
    }
}
