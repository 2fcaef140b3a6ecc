import Foundation
import TestSupport

/// Talking to the server through its client programs, `psql` and `pg_dump`.
extension PostgresServer {
    /// Runs SQL through `psql` as the superuser and returns what it printed.
    ///
    /// The SQL may hold several statements; it runs with `-X -A -t -q -v ON_ERROR_STOP=1`, so the
    /// output is unaligned rows of `|`-separated values without headers or command tags, with the
    /// final newline removed (`"1"` for `select 1`, `""` for statements that return no rows).
    /// The password reaches `psql` in `PGPASSWORD`, never on its command line.
    /// - Parameters:
    ///   - sql: the statements, read by `psql` from a file.
    ///   - database: the database to connect to; ``database`` by default.
    /// - Returns: standard output without its trailing newlines.
    /// - Throws: ``PostgresServerError/commandFailed(command:status:output:)`` with `psql`'s error
    ///   output when a statement fails.
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        try checkNotDestroyed()
        let script = folder.appendingPathComponent("query-\(UUID().uuidString).sql")
        // A file, not stdin: a script and its output larger than a pipe's buffer would deadlock.
        try Data(sql.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let output = try runClient("psql", ["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                                            "-d", database ?? self.database, "-f", script.path])
        var text = String(decoding: output, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The whole database as plain SQL text from `pg_dump`, schema and rows, for tests that scan
    /// the stored data (for example, to prove no secret is stored in clear).
    /// - Parameter database: the database to dump; ``database`` by default.
    /// - Throws: ``PostgresServerError/commandFailed(command:status:output:)`` when `pg_dump` fails.
    public func dump(database: String? = nil) throws -> String {
        try checkNotDestroyed()
        let output = try runClient("pg_dump", ["--format=plain", "-d", database ?? self.database])
        return String(decoding: output, as: UTF8.self)
    }

    /// Creates a new, empty database, so tests sharing one server can each have their own.
    /// - Parameter name: the database's name; by default a fresh `test_<hex>` name.
    /// - Returns: the name of the created database.
    /// - Throws: ``PostgresServerError/commandFailed(command:status:output:)``, for example when it already exists.
    @discardableResult
    public func createDatabase(_ name: String? = nil) throws -> String {
        let name = name ?? "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try psql("CREATE DATABASE \(Self.quotedIdentifier(name))", database: "postgres")
        return name
    }

    /// Runs a client program over TCP as the superuser, with the password in its environment.
    private func runClient(_ name: String, _ arguments: [String]) throws -> Data {
        // -w: never prompt for a password on the terminal.
        let connection = ["-w", "-h", host, "-p", "\(port)", "-U", user]
        let environment = installation.environment(home: folder, adding: ["PGPASSWORD": password])
        let result = try Subprocess.run(installation.program(name), connection + arguments, environment: environment)
        guard result.status == 0 else {
            throw PostgresServerError.commandFailed(command: ([name] + arguments).joined(separator: " "),
                                                    status: result.status, output: result.stderr)
        }
        return result.stdout
    }

    /// `name` as an SQL identifier in double quotes, inner quotes doubled.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
