import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

@Suite struct SQLiteRevisionStoreTests {
    @Test func usesWALForeignKeysAndABusyTimeout() async throws {
        try await withStore { store, path throws in
            #expect(try store.pragma("journal_mode") == "wal")
            #expect(try store.pragma("foreign_keys") == "1")
            #expect(try store.pragma("busy_timeout") == "30000")
            #expect(try SQLiteShell.run(path, "PRAGMA journal_mode;") == "wal")
        }
    }

    @Test func createsTheDatabaseReadableByItsOwnerOnly() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("nested/deeper/ledger.db").path
            let store = try SQLiteRevisionStore.open(path: path, create: true)
            _ = try await store.record([Drafts.draft()])
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(store.path == path)
        }
    }

    /// A symlink planted at the name of a ledger about to be created: SQLite would create the
    /// file it points to (somewhere the planter chose); the open is refused and nothing written.
    @Test func aDanglingSymlinkAtTheNameIsNotFollowedWhenCreating() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            let target = folder.appendingPathComponent("elsewhere.db").path
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            #expect(throws: StoreError.self) { try SQLiteRevisionStore.open(path: path, create: true) }
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }

    @Test func refusesAMissingFileUnlessAskedToCreateIt() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            let error = #expect(throws: StoreError.self) { try SQLiteRevisionStore.open(path: path, create: false) }
            #expect(error == .missing(location: path))
            #expect(error?.description == "\(path): error: no ledger here yet; record a revision first (dsledger render -f FILE)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func reopeningFindsWhatWasRecorded() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            do {
                let store = try SQLiteRevisionStore.open(path: path, create: true)
                await #expect(try store.hasRevisions() == false)
                _ = try await store.record([Drafts.draft(), Drafts.draft(image: "fluent-bit:3.2")])
            }
            let reopened = try SQLiteRevisionStore.open(path: path, create: false)
            await #expect(try reopened.hasRevisions())
            await #expect(try reopened.revisions(of: Drafts.release, limit: 10, before: nil).map(\.number) == [2, 1])
        }
    }

    @Test func aFileThatIsNotADatabaseIsADatabaseError() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { try SQLiteRevisionStore.open(path: path, create: true) }
            guard case .database(let reported, let cause) = error else {
                Issue.record("expected a database error, got \(String(describing: error))")
                return
            }
            #expect(reported == path)
            #expect(cause.code == .sqlite(primary: 26, extended: 26), "SQLITE_NOTADB")
            #expect(error?.description == "\(path): error: file is not a database")
        }
    }
}
