internal import CSQLiteDefensive
internal import GRDB
import Foundation
import Ledger
import ObjectModel
internal import StoreLocation

/// The revision store in one SQLite file, through GRDB: WAL, foreign keys, a busy timeout, and
/// writes in IMMEDIATE transactions so that concurrent processes queue instead of failing.
///
/// ```swift
/// let store = try SQLiteRevisionStore.open(path: "/tmp/ledger.db")
/// let outcomes = try store.record([draft])
/// ```
public final class SQLiteRevisionStore: RevisionStore {
    /// The database: a pool on the file, or, opened read-only, one read-only connection (or an
    /// in-memory copy of an older schema, see ``openReadOnly(path:)``).
    let pool: any DatabaseWriter
    /// The file's path.
    public let path: String
    /// Rebuilds stored objects, keeping the recent ones.
    let reader: ObjectReader
    /// True when opened with ``openReadOnly(path:)``: every write is refused.
    let readOnly: Bool
    /// How long a write waits for another process's write lock (SQLite's busy timeout).
    let lockTimeout: Duration

    init(pool: any DatabaseWriter, path: String, readOnly: Bool = false, lockTimeout: Duration = LockTimeout.ledgerDefault) {
        self.pool = pool
        self.path = path
        self.readOnly = readOnly
        self.lockTimeout = lockTimeout
        reader = ObjectReader(path: path)
    }

    /// Opens (creating when `create` is true) the store at `path` and migrates it forward.
    /// Every write waits up to `lockTimeout` while another process holds the write lock.
    ///
    /// - Throws: ``StoreError`` when the file is missing and `create` is false, when it was
    ///   written by a newer dsledger (left untouched), when another process held the lock
    ///   longer than `lockTimeout` (``StoreError/locked(location:waited:)``), or when SQLite fails.
    public static func open(path: String, create: Bool,
                            lockTimeout: Duration = LockTimeout.ledgerDefault) throws(StoreError) -> SQLiteRevisionStore {
        let exists = FileManager.default.fileExists(atPath: path)
        guard exists || create else { throw .missing(location: path) }
        do {
            if exists { try refuseNewerSchema(path: path) }
            if !exists { try createPrivateFile(path) }
            let pool = try openPool(path: path, lockTimeout: lockTimeout)
            try migrateForward(pool)
            return SQLiteRevisionStore(pool: pool, path: path, lockTimeout: lockTimeout)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw .locked(location: path, waited: LockTimeout.text(lockTimeout))
        } catch {
            throw .database(location: path, cause: DatabaseCause(error))
        }
    }

    /// How every connection is set up: the busy timeout (30 s unless given), foreign keys, the
    /// SQL functions the migrations use, and SQLite's defensive settings (see ``harden(_:)``).
    static var configuration: Configuration { configuration(lockTimeout: LockTimeout.ledgerDefault) }

    /// ``configuration`` with `lockTimeout` as the busy timeout.
    static func configuration(lockTimeout: Duration) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Double(LockTimeout.milliseconds(lockTimeout)) / 1000)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            db.add(function: DigestColumn.sqlFunction)
            try harden(db)
        }
        return configuration
    }

    /// SQLite's defenses against a hostile file, on every connection: defensive mode (no
    /// `writable_schema`, no writes to shadow tables or `sqlite_dbpage`: SQL cannot corrupt the
    /// file), and `trusted_schema = OFF` (the schema's triggers, views and defaults may call
    /// only functions marked innocuous, so a planted trigger cannot run a risky one).
    static func harden(_ db: Database) throws {
        let code = dsledger_sqlite_enable_defensive(db.sqliteConnection)
        guard code == 0 else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot turn on defensive mode") }
        try db.execute(sql: "PRAGMA trusted_schema = OFF")
    }

    /// The pool on `path`, retried while SQLite answers "database is locked".
    ///
    /// Opening a pool switches the file to WAL (`PRAGMA journal_mode = WAL`). While another
    /// process opens or recovers the same file, SQLite can answer that statement with SQLITE_BUSY
    /// at once, without waiting out the busy timeout (seen with 8 writers opening one file), so
    /// the open is retried for up to about 10 seconds (the lock timeout, when shorter) before
    /// the error is reported.
    private static func openPool(path: String, lockTimeout: Duration) throws -> DatabasePool {
        var delay: UInt32 = 5_000
        let deadline = Date().addingTimeInterval(min(10, Double(LockTimeout.milliseconds(lockTimeout)) / 1000))
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration(lockTimeout: lockTimeout))
                // GRDB sets `synchronous = NORMAL` in WAL mode, where a commit reaches the disk only
                // at the next checkpoint: FULL syncs the log at every commit, so a revision reported
                // recorded survives a power loss.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                return pool
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(delay)
                delay = min(delay * 2, 200_000)
            }
        }
    }

    /// Creates the database file empty with mode 0600 (SQLite gives its -wal and -shm files the
    /// same), through ``PrivateFile``: never through a symlink, with the folder synced. A name
    /// taken meanwhile by another process's new ledger is opened as it is; a symlink left there
    /// that points nowhere is refused, since SQLite would create the file it points to.
    private static func createPrivateFile(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        do {
            if try PrivateFile.create(path, contents: []) { return }
        } catch .system(let operation, let reason) {
            throw StoreError.database(location: path, cause: DatabaseCause(message: "cannot create the ledger (\(operation)): \(reason)"))
        } catch {
            throw StoreError.database(location: path, cause: DatabaseCause(message: "\(error)"))
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.database(location: path, cause: DatabaseCause(
                message: "cannot create the ledger: a symlink that points nowhere has its name; remove it, or give the path it should point to"))
        }
    }

    /// The database's size in bytes as SQLite sees it (pages in use, the WAL included).
    public func storageSize() throws -> Int {
        try wrap {
            try pool.read { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                return pages * size
            }
        }
    }

    public var location: String { path }

    public func hasRevisions() async throws(StoreError) -> Bool {
        try await read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM revision)") ?? false }
    }

    public func settings() async throws(StoreError) -> [String: String] {
        try await read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT name, value FROM setting").map {
                (try $0.text("name", of: "setting"), try $0.text("value", of: "setting"))
            }) { first, _ in first }
        }
    }

    public func adoptSetting(_ name: String, value: String) async throws(StoreError) -> String {
        try await write { db in
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", arguments: [name, value])
            return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name]) ?? value
        }
    }

    /// Closes the file. A pool that wrote first copies the log into the database file and
    /// empties it (a TRUNCATE checkpoint, synced), without waiting for other processes' readers:
    /// SQLite would do it itself only when the last connection to close is one that can write,
    /// and a pool's readers are read-only. Left in place, the log grows, and every later
    /// command reads all of it when it opens the file, to rebuild the log's index.
    public func close() async {
        if !readOnly, pool is DatabasePool {
            _ = try? await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                return try db.checkpoint(.truncate)
            }
        }
        try? pool.close()
    }

    /// The value of a PRAGMA (`journal_mode`, `foreign_keys`, `busy_timeout`) on the connection
    /// that writes, for tests that check how the store configures SQLite.
    package func pragma(_ name: String) throws -> String? {
        try wrap { try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") } }
    }

    /// True when SQLite's defensive mode is on for the connection that writes (read back with
    /// `sqlite3_db_config`), for tests.
    package func defensiveMode() throws -> Bool {
        try wrap { pool.writeWithoutTransaction { db in dsledger_sqlite_defensive_enabled(db.sqliteConnection) == 1 } }
    }

    /// Runs `sql` on the connection that writes, for tests that check what SQLite's settings refuse.
    package func execute(_ sql: String) throws(StoreError) {
        try wrap { try pool.writeWithoutTransaction { db in try db.execute(sql: sql) } }
    }

    func wrap<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` on GRDB's reader queue, without blocking the caller's thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` in an IMMEDIATE transaction on GRDB's writer queue; refused on a store opened
    /// read-only.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        if readOnly { throw .permissionDenied(location: path, detail: "the ledger was opened read-only, to verify it") }
        do {
            return try await pool.write(body)
        } catch {
            throw storeError(error)
        }
    }

    /// Why the file cannot be written, when the file system says: SQLite only says "readonly".
    private func readOnlyReason() -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            let reason = errno == EROFS ? "is on a read-only file system" : "is not writable"
            return "cannot write the ledger: its folder \(folder) \(reason), and SQLite needs to write the -wal and -shm files beside it"
        }
        if access(path, W_OK) != 0 { return "cannot write the ledger: the file is read-only" }
        return nil
    }

    private func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let damage = error as? RowDamage { return .corrupt(location: path, detail: damage.description) }
        let cause = DatabaseCause(error)
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                return .permissionDenied(location: path, detail: readOnlyReason() ?? cause.description, cause: cause)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .corrupt(location: path, detail: cause.description, cause: cause)
            case .SQLITE_BUSY:
                return .locked(location: path, waited: LockTimeout.text(lockTimeout))
            default:
                break
            }
        }
        return .database(location: path, cause: cause)
    }
}

extension DatabaseCause {
    /// GRDB's error as values: SQLite's primary and extended result codes and its message, never
    /// the statement or its arguments (GRDB's own description carries both).
    init(_ error: any Error) {
        guard let error = error as? DatabaseError else {
            self.init(message: "\(error)")
            return
        }
        self.init(code: .sqlite(primary: error.resultCode.rawValue, extended: error.extendedResultCode.rawValue),
                  message: error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")
    }
}
