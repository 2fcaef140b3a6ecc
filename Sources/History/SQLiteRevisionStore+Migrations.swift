internal import GRDB
import Ledger

/// The embedded migrations: applying them, and refusing a ledger a newer dsledger wrote.
extension SQLiteRevisionStore {
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
    static func migrateForward(_ pool: DatabasePool) throws {
        var attempt = 1
        while true {
            do {
                // A query answers the usual case, so opening an up-to-date ledger migrates nothing.
                // It runs on the writer's connection: after a writer was killed, only a
                // read-write connection may replay the log (a reader gets SQLite error 8).
                if try pool.writeWithoutTransaction({ db in Set(migrationIdentifiers).isSubset(of: try appliedMigrations(db)) }) { return }
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

    /// Refuses a ledger a newer dsledger wrote before anything opens it for writing, so the file
    /// is left untouched. A read-only connection answers, which closes without a checkpoint to
    /// sync; after a writer was killed mid-commit, only a read-write connection may replay the
    /// log (a read-only one fails with SQLite error 8), so one answers then.
    static func refuseNewerSchema(path: String) throws {
        var readOnly = configuration
        readOnly.readonly = true
        if let queue = try? DatabaseQueue(path: path, configuration: readOnly), let applied = try? queue.read(appliedMigrations) {
            try? queue.close()
            return try refuseUnknown(applied, path: path)
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let applied = try queue.read(appliedMigrations)
        try queue.close()
        try refuseUnknown(applied, path: path)
    }

    /// The identifiers of the migrations applied to the database, empty for a file with none.
    static func appliedMigrations(_ db: Database) throws -> Set<String> {
        // One query of sqlite_schema: GRDB's `tableExists` would load and cache the whole schema.
        let present = try Bool.fetchOne(
            db, sql: "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'grdb_migrations'") ?? false
        guard present else { return [] }
        return Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
    }

    /// Refuses a ledger with a migration this dsledger does not know: a newer one wrote it.
    static func refuseUnknown(_ applied: Set<String>, path: String) throws(StoreError) {
        let known = Set(migrationIdentifiers)
        if let unknown = applied.filter({ !known.contains($0) }).sorted().last {
            throw .newerSchema(location: path, migration: unknown)
        }
    }
}
