import Foundation
import Ledger
import PostgresNIO

/// Runs `migrations/postgresql/` forward, from the copy compiled into the binary, under an
/// advisory lock held for the migrating transaction only (two runners upgrading at once
/// migrate once). A ledger with a migration this dsledger does not know is refused untouched.
public struct PostgresMigrations: Sendable {
    let store: PostgresRevisionStore

    /// The oldest dsledger that may write a ledger of these migrations (raised by a migration
    /// that older writers must not write past; additive ones leave it).
    public static let oldestWriter = "0.3.0"

    /// A constant of dsledger's own for `pg_advisory_xact_lock`.
    private static let lockKey: Int64 = 0x6473_6c65_6467_6572 // "dsledger"

    /// The identifiers of the embedded migrations, in order.
    static var identifiers: [String] { EmbeddedMigrations.all.map(\.id) }

    /// The embedded SQL of each migration (tests compare it with the folder).
    static var embedded: [(id: String, sql: String)] { EmbeddedMigrations.all }

    /// Checks the schema, and applies what is missing when `create` is true.
    /// - Throws: ``StoreError/missing(location:)`` for a database with no ledger when `create` is false,
    ///   ``StoreError/newerSchema(location:migration:)`` for one a newer dsledger wrote.
    func migrate(create: Bool) async throws(StoreError) {
        let applied = try await store.run { connection in try await Self.applied(connection, store: store) }
        if !applied.isSubset(of: Set(Self.identifiers)) {
            // A newer dsledger migrated the ledger. Its changes are additive unless it says
            // otherwise: this one reads on, and writes while `oldest-writer` allows it.
            try await refuseNewer(applied)
            return
        }
        let missing = EmbeddedMigrations.all.filter { !applied.contains($0.id) }
        guard !missing.isEmpty else { return }
        guard create || !applied.isEmpty else { throw .missing(location: store.location) }
        try await store.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: store.logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: store.logger)
            // Read again under the lock: another runner may have migrated meanwhile.
            let done = try await Self.applied(connection, store: store)
            for migration in EmbeddedMigrations.all where !done.contains(migration.id) {
                for statement in SQLStatements.split(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: store.logger)
                }
                try await connection.query("INSERT INTO schema_migration (id) VALUES (\(migration.id))", logger: store.logger)
            }
            try await connection.query("""
                INSERT INTO setting (name, value) VALUES ('oldest-writer', \(Self.oldestWriter)) ON CONFLICT (name) DO NOTHING
                """, logger: store.logger)
        }
    }

    /// Checks the schema and changes nothing, for a read-only open: the ledger must hold every
    /// migration this dsledger knows (a newer one's are read on, as ``migrate(create:)`` does).
    /// - Throws: ``StoreError/missing(location:)``, ``StoreError/olderSchema(location:latestApplied:latestKnown:)``
    ///   naming the ledger's latest migration and this dsledger's, or ``StoreError/newerSchema(location:migration:)``.
    func check() async throws(StoreError) {
        let applied = try await store.run { connection in try await Self.applied(connection, store: store) }
        guard !applied.isEmpty else { throw .missing(location: store.location) }
        try await refuseNewer(applied)
        if let latest = Self.identifiers.last, !Set(Self.identifiers).isSubset(of: applied) {
            let latestApplied = Self.identifiers.last(where: applied.contains) ?? applied.sorted().last ?? "none"
            throw .olderSchema(location: store.location, latestApplied: latestApplied, latestKnown: latest)
        }
    }

    /// Refuses a ledger whose `oldest-reader` is newer than this dsledger.
    private func refuseNewer(_ applied: Set<String>) async throws(StoreError) {
        let known = Set(Self.identifiers)
        guard let unknown = applied.filter({ !known.contains($0) }).sorted().last else { return }
        if let oldest = try await store.settings()["oldest-reader"], ToolVersions.precedes(store.toolVersion, oldest) {
            throw .newerSchema(location: store.location, migration: unknown)
        }
    }

    private static func applied(_ connection: PostgresConnection, store: PostgresRevisionStore) async throws -> Set<String> {
        let exists = try await connection.query("SELECT to_regclass('schema_migration') IS NOT NULL", logger: store.logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { return [] }
        var found = Set<String>()
        for try await id in try await connection.query("SELECT id FROM schema_migration", logger: store.logger).decode(String.self) {
            found.insert(id)
        }
        return found
    }
}
