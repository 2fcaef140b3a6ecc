import Foundation
import TestSupport

/// A throwaway PostgreSQL server for one test or one test class, in a fresh temporary folder.
///
/// The server listens only on 127.0.0.1, on a port picked when it starts, and accepts the
/// superuser ``user`` with ``password`` over TCP (SCRAM-SHA-256). Durability is off for speed.
/// It is stopped and its folder removed by ``destroy()``, which `deinit` calls too; prefer
/// ``withPostgresServer(tls:isolation:_:)``, which always destroys it.
///
/// ```swift
/// let server = try PostgresServer.start()
/// defer { server.destroy() }
/// let database = try server.createDatabase()        // one database per test
/// let url = server.url(database: database)          // hand this to the store under test
/// #expect(try server.psql("select count(*) from pg_tables where schemaname = 'public'", database: database) == "0")
/// ```
///
/// When the tests run as root, the server programs run as the `postgres` account (PostgreSQL
/// refuses root), and the folder belongs to that account.
///
/// ## Topics
/// - ``start(user:password:database:tls:)``
/// - ``url(sslMode:user:password:database:)``
/// - ``psql(_:database:)``, ``dump(database:)``, ``createDatabase(_:)``
/// - ``stop()``, ``restart()``, ``destroy()``
public final class PostgresServer: @unchecked Sendable {
    /// Always `127.0.0.1`: the server listens on no other address.
    public let host = "127.0.0.1"
    /// The TCP port, chosen at start and kept across ``stop()`` and ``restart()``.
    public let port: Int
    /// The superuser's name.
    public let user: String
    /// The superuser's password.
    public let password: String
    /// The database created at start; ``url(sslMode:user:password:database:)`` and ``psql(_:database:)`` default to it.
    public let database: String
    /// The temporary folder: the data folder `data`, the log `server.log` and the server's Unix socket.
    public let folder: URL
    /// The server's log file, appended to across restarts.
    public var logFile: URL { folder.appendingPathComponent("server.log") }

    let installation: PostgresInstallation
    private let lock = NSLock()
    private var state = State.running

    private enum State { case running, stopped, destroyed }

    private init(installation: PostgresInstallation, folder: URL, port: Int, user: String, password: String, database: String) {
        self.installation = installation
        self.folder = folder
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    deinit { destroy() }

    /// Creates a cluster in a fresh temporary folder, starts it on a free loopback port, waits until
    /// it accepts connections and creates `database`.
    ///
    /// Takes about a second. Every wait is bounded (about 30 s); when another process grabs the
    /// port first, it retries with a new one a few times.
    /// - Parameters:
    ///   - user: the superuser's name.
    ///   - password: the superuser's password, given to `initdb` through a file.
    ///   - database: the database to create (`postgres` already exists and is not created).
    ///   - tls: when given, the server also accepts TLS with this certificate and key.
    /// - Throws: ``PostgresServerError``, for example ``PostgresServerError/binariesNotFound(searched:)``
    ///   when PostgreSQL is not installed, or ``PostgresServerError/startFailed(port:reason:log:)``
    ///   with the tail of the server's log.
    public static func start(user: String = "dsledger_test", password: String = "test-password-123",
                             database: String = "ledger", tls: TLSFiles? = nil) throws -> PostgresServer {
        let installation = try PostgresInstallation.find()
        let folder = TemporaryFolder.make()
        do {
            try initializeCluster(installation, folder: folder, user: user, password: password, tls: tls)
            let port = try launchOnFreePort(installation, folder: folder)
            let server = PostgresServer(installation: installation, folder: folder, port: port,
                                        user: user, password: password, database: database)
            if database != "postgres" { _ = try server.createDatabase(database) }
            return server
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// A connection URL, `postgresql://user:password@127.0.0.1:port/database?sslmode=disable`,
    /// with each part percent-encoded.
    /// - Parameters:
    ///   - sslMode: libpq's `sslmode`: `disable`, `prefer`, `require`, `verify-ca` or `verify-full`.
    ///   - user: another role to connect as; the superuser by default.
    ///   - password: another password; the superuser's by default.
    ///   - database: another database; ``database`` by default.
    public func url(sslMode: String = "disable", user: String? = nil, password: String? = nil, database: String? = nil) -> String {
        let name = Self.encoded(user ?? self.user), secret = Self.encoded(password ?? self.password)
        return "postgresql://\(name):\(secret)@\(host):\(port)/\(Self.encoded(database ?? self.database))?sslmode=\(Self.encoded(sslMode))"
    }

    /// Whether the server is running (started and not stopped or destroyed).
    public var isRunning: Bool { lock.withLock { state == .running } }

    /// Stops the server (`pg_ctl stop -m fast -w`), keeping its data; ``restart()`` brings it
    /// back on the same port. Does nothing when it is not running, so calling it twice is safe.
    public func stop() {
        lock.withLock {
            guard state == .running else { return }
            Self.stopPostmaster(installation, folder: folder, mode: "fast")
            state = .stopped
        }
    }

    /// Starts the server again on the same port, stopping it first if it runs.
    /// - Throws: ``PostgresServerError/destroyed`` after ``destroy()``, or
    ///   ``PostgresServerError/startFailed(port:reason:log:)``, for example when another process
    ///   took the port meanwhile.
    public func restart() throws {
        try lock.withLock {
            guard state != .destroyed else { throw PostgresServerError.destroyed }
            if state == .running { Self.stopPostmaster(installation, folder: folder, mode: "fast") }
            state = .stopped
            try Self.launch(installation, folder: folder, port: port)
            state = .running
        }
    }

    /// Stops the server if it runs and removes its folder. Safe to call more than once; `deinit` calls it.
    public func destroy() {
        lock.withLock {
            guard state != .destroyed else { return }
            if state == .running { Self.stopPostmaster(installation, folder: folder, mode: "fast") }
            try? FileManager.default.removeItem(at: folder)
            state = .destroyed
        }
    }

    /// Throws ``PostgresServerError/destroyed`` once the folder is gone.
    func checkNotDestroyed() throws {
        if lock.withLock({ state == .destroyed }) { throw PostgresServerError.destroyed }
    }

    private static func encoded(_ part: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return part.addingPercentEncoding(withAllowedCharacters: allowed) ?? part
    }
}
