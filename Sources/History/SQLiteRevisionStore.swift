internal import GRDB
import Foundation
import Ledger
import ObjectModel

/// The revision store in one SQLite file, through GRDB: WAL, foreign keys, a busy timeout, and
/// writes in IMMEDIATE transactions so that concurrent processes queue instead of failing.
///
/// ```swift
/// let store = try SQLiteRevisionStore.open(path: "/tmp/ledger.db")
/// let outcomes = try store.record([draft])
/// ```
public final class SQLiteRevisionStore: RevisionStore {
    let pool: DatabasePool
    /// The file's path.
    public let path: String
    /// Rebuilds stored objects, keeping the recent ones.
    let reader: ObjectReader

    private init(pool: DatabasePool, path: String) {
        self.pool = pool
        self.path = path
        reader = ObjectReader(path: path)
    }

    /// Opens (creating when `create` is true) the store at `path` and migrates it forward.
    ///
    /// - Throws: ``StoreError`` when the file is missing and `create` is false, when it was
    ///   written by a newer dsledger (left untouched), or when SQLite fails.
    public static func open(path: String, create: Bool) throws(StoreError) -> SQLiteRevisionStore {
        let exists = FileManager.default.fileExists(atPath: path)
        guard exists || create else { throw .missing(path: path) }
        do {
            if exists { try refuseNewerSchema(path: path) }
            if !exists { try createPrivateFile(path) }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try migrateForward(pool)
            return SQLiteRevisionStore(pool: pool, path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(path: path, underlying: "\(error)")
        }
    }

    /// How every connection is set up: a busy timeout, foreign keys, and the SQL functions the
    /// migrations use.
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in db.add(function: DigestColumn.sqlFunction) }
        return configuration
    }

    /// Every migration of `migrations/`, from the copy compiled into the binary.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in EmbeddedMigrations.all {
            migrator.registerMigration(migration.id) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }

    /// Applies the migrations not applied yet.
    ///
    /// GRDB reads the applied migrations before it opens each migration's transaction, so two
    /// processes opening a new file at once can both start the same migration; the loser fails
    /// (`table release already exists`), retries, and finds the work done.
    private static func migrateForward(_ pool: DatabasePool) throws {
        var attempt = 1
        while true {
            do {
                // A query answers the usual case, so opening an up-to-date ledger writes nothing.
                // It runs on the writer's connection: after a writer was killed, only a
                // read-write connection may replay the log (a reader gets SQLite error 8).
                if try pool.writeWithoutTransaction({ db in try migrator.hasCompletedMigrations(db) }) { return }
                return try migrator.migrate(pool)
            } catch where attempt < 5 {
                attempt += 1
            }
        }
    }

    /// Creates or migrates the database at `path` up to and including migration `identifier`
    /// (WAL, as dsledger leaves it), without anything later: a file as an older dsledger wrote
    /// it, for upgrade tests.
    package static func migrate(path: String, upTo identifier: String) throws {
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool, upTo: identifier)
        try pool.close()
    }

    /// The identifiers of the embedded migrations, in order.
    public static var migrationIdentifiers: [String] { EmbeddedMigrations.all.map(\.id) }

    /// The embedded SQL of each migration, by identifier (tests compare it with the folder).
    public static var embeddedMigrations: [(id: String, sql: String)] { EmbeddedMigrations.all }

    private static func refuseNewerSchema(path: String) throws {
        // Read-write although it only reads: after a writer was killed mid-commit, only a
        // read-write connection may replay the log (a read-only one fails with SQLite error 8).
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let applied = try queue.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        try queue.close()
        let known = Set(migrationIdentifiers)
        if let unknown = applied.filter({ !known.contains($0) }).sorted().last {
            throw StoreError.newerSchema(path: path, migration: unknown)
        }
    }

    /// Creates the database file with mode 0600 (SQLite gives its -wal and -shm files the same).
    private static func createPrivateFile(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let descriptor = Foundation.open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.database(path: path, underlying: String(cString: strerror(errno)))
        }
        close(descriptor)
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

    /// True when the store holds at least one revision.
    public func hasRevisions() throws -> Bool {
        try wrap { try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM revision)") ?? false } }
    }

    /// The value of a PRAGMA (`journal_mode`, `foreign_keys`, `busy_timeout`) on the connection
    /// that writes, for tests that check how the store configures SQLite.
    package func pragma(_ name: String) throws -> String? {
        try wrap { try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") } }
    }

    func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path: path, underlying: "\(error)")
        }
    }
}

/// What can go wrong with the store, in the user's words.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(path: String)
    case newerSchema(path: String, migration: String)
    case database(path: String, underlying: String)
    case corrupt(path: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): error: no ledger here yet; record a revision first (dsledger render -f FILE)"
        case .newerSchema(let path, let migration):
            return "\(path): error: the ledger was written by a newer dsledger (schema '\(migration)'); upgrade dsledger — the file was left untouched"
        case .database(let path, let underlying):
            return "\(path): error: \(underlying)"
        case .corrupt(let path, let detail):
            return "\(path): error: stored data is damaged: \(detail); run dsledger verify"
        }
    }
}
