import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

@Suite struct MigrationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("migrations").appendingPathComponent("sqlite")

    static var identifiers: [String] { SQLiteRevisionStore.migrationIdentifiers }

    @Test func embeddedMigrationsEqualTheMigrationsFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(!files.isEmpty)
        let embedded = SQLiteRevisionStore.embeddedMigrations
        #expect(embedded.map(\.id) == files.map { String($0.dropLast(4)) },
                "run scripts/embed-migrations after changing migrations/")
        for (file, migration) in zip(files, embedded) {
            let sql = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            #expect(Self.trimmed(sql) == Self.trimmed(migration.sql), "\(file) differs from its embedded copy; run scripts/embed-migrations")
        }
    }

    @Test func aNewDatabaseHasEveryMigrationApplied() async throws {
        try await withStore { _, path throws in
            let applied = try SQLiteShell.run(path, "SELECT identifier FROM grdb_migrations ORDER BY identifier;")
            #expect(applied.split(separator: "\n").map(String.init) == Self.identifiers)
        }
    }

    /// Version `applied` means the first `applied` migrations (0: a file no migration touched).
    @Test(arguments: 0...SQLiteRevisionStore.migrationIdentifiers.count)
    func upgradesADatabaseFromAnEarlierSchemaWithItsDataIntact(applied: Int) async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            var check: ((SQLiteRevisionStore) async throws -> Void)?
            if applied == 0 {
                #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            } else {
                let version = Self.identifiers[applied - 1]
                try SQLiteRevisionStore.migrate(path: path, upTo: version)
                let seed = try #require(OldSchemaSeeds.all[version], "add a seed for migration \(version) to OldSchemaSeeds")
                check = try seed(path)
            }
            let store = try SQLiteRevisionStore.open(path: path, create: false)
            try await check?(store)
            let migrated = try SQLiteShell.run(path, "SELECT identifier FROM grdb_migrations ORDER BY identifier;")
            #expect(migrated.split(separator: "\n").map(String.init) == Self.identifiers)
            await #expect(try store.verify() == [])
            let before = try SQLiteShell.count(path, "SELECT count(*) FROM revision;")
            let next = try await store.record([Drafts.draft(image: "after-upgrade:1")])
            #expect(next.first?.revision.number == before + 1)
        }
    }

    @Test func refusesADatabaseFromANewerSchemaAndLeavesItUntouched() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            do { _ = try await SQLiteRevisionStore.open(path: path, create: true).record([Drafts.draft()]) }
            try SQLiteShell.run(path, "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future');")
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            try await Task.sleep(for: .milliseconds(20))

            let error = #expect(throws: StoreError.self) { try SQLiteRevisionStore.open(path: path, create: true) }
            #expect(error == .newerSchema(location: path, migration: "9999_from_the_future"))
            #expect(error?.description == "\(path): error: the ledger was written by a newer dsledger (schema '9999_from_the_future'); upgrade dsledger — the ledger was left untouched")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM revision;") == 1)
        }
    }

    static func trimmed(_ sql: String) -> String {
        var text = sql
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
