import Foundation
import History
import Ledger
import PostgresStore
import PostgresTestSupport
import StoreLocation
import Testing
import TestSupport

/// The stores every contract test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }
}

struct ContractFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A store of `kind` made for one test, and a way to reach under it as someone who can write
/// the database would (to tamper with it).
struct ContractStore {
    let store: any RevisionStore
    let kind: StoreKind
    /// Runs SQL on the database directly as its owner would, the store's append-only guards
    /// lifted first when `lifting` is true; returns the output (one row a line, columns by `|`).
    let run: @Sendable (_ sql: String, _ lifting: Bool) throws -> String
    /// Opens a second store on the same database (another writer, another process).
    let reopen: @Sendable () async throws -> any RevisionStore
    /// As ``reopen``, the second store waiting only the given lock timeout for another writer's lock.
    let reopenWaiting: @Sendable (Duration) async throws -> any RevisionStore
}

extension ContractStore {
    /// Runs SQL as the database's owner would, past the append-only guards.
    @discardableResult
    func tamper(_ sql: String) throws -> String { try run(sql, true) }

    /// Runs SQL with the guards in place.
    @discardableResult
    func sql(_ sql: String) throws -> String { try run(sql, false) }

    /// The number a counting query gives.
    func count(_ sql: String) throws -> Int { try #require(Int(try run(sql, false))) }
}

/// Runs `body` with a fresh store of `kind`, closed afterwards.
func withContractStore(_ kind: StoreKind, _ body: (ContractStore) async throws -> Void) async throws {
    switch kind {
    case .sqlite:
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.db").path
        let store = try SQLiteRevisionStore.open(path: path, create: true)
        let run: @Sendable (String, Bool) throws -> String = { statement, lifting in
            let guards = ["revision_is_append_only_update", "revision_is_append_only_delete", "object_is_immutable_update",
                          "revision_object_is_append_only", "secret_hash_is_append_only", "event_is_append_only_update",
                          "event_is_append_only_delete"].map { "DROP TRIGGER IF EXISTS \($0);" }.joined(separator: " ")
            let result = try Subprocess.run("sqlite3", ["-bail", path], stdin: (lifting ? guards + "\n" : "") + statement)
            guard result.status == 0 else { throw ContractFailure("sqlite3: \(result.stderr)") }
            return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        try await body(ContractStore(store: store, kind: kind, run: run, reopen: { try SQLiteRevisionStore.open(path: path, create: false) },
                                     reopenWaiting: { try SQLiteRevisionStore.open(path: path, create: false, lockTimeout: $0) }))
        await store.close()
    case .postgresql:
        let (server, database) = try SharedPostgresServer.newDatabase()
        guard case .postgres(let location) = try LedgerLocation.parse(server.url(database: database), environment: [:],
                                                                      homeDirectory: "/nonexistent")
        else { throw ContractFailure("not a PostgreSQL URL") }
        let store = try await PostgresRevisionStore.open(location, create: true)
        let run: @Sendable (String, Bool) throws -> String = { statement, lifting in
            let tables = ["revision", "object", "revision_object", "secret_hash", "event"]
            let lift = tables.map { "ALTER TABLE \($0) DISABLE TRIGGER USER;" }.joined(separator: " ")
            return try server.psql((lifting ? lift + "\n" : "") + statement, database: location.database)
        }
        do {
            try await body(ContractStore(store: store, kind: kind, run: run,
                                         reopen: { try await PostgresRevisionStore.open(location, create: false, deadline: .seconds(10)) },
                                         reopenWaiting: { try await PostgresRevisionStore.open(location, create: false, deadline: .seconds(10),
                                                                                               lockTimeout: $0) }))
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
