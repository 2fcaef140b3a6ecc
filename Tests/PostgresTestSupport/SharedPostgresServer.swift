import Foundation

/// One PostgreSQL server for a whole test process, with a new database for each test that
/// asks; stopped and removed when the process exits. Starting a server takes about two seconds,
/// a database a few milliseconds.
public enum SharedPostgresServer {
    private static let server: Result<PostgresServer, any Error> = {
        let started = Result { try PostgresServer.start() }
        atexit { SharedPostgresServer.stopAtExit() }
        return started
    }()

    private static func stopAtExit() {
        if case .success(let server) = server { server.destroy() }
    }

    /// The server, started on first use.
    public static func running() throws -> PostgresServer {
        try server.get()
    }

    /// A new, empty database on the shared server: the server, and the database's name.
    public static func newDatabase() throws -> (server: PostgresServer, database: String) {
        let server = try running()
        return (server, try server.createDatabase())
    }
}
