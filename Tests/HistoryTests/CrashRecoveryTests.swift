import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

/// A writer killed with `kill -9` leaves its write-ahead log and an unreliable log index behind,
/// and the next process must replay the log. Copying the files while the writer still has them
/// open, and zeroing the index, gives such a state deterministically. (CrashTests kills real
/// processes; there, opening through a read-only connection failed with SQLite error 8.)
@Suite struct CrashRecoveryTests {
    @Test func aLedgerLeftByAKilledWriterOpensAndKeepsItsRevisions() async throws {
        try await withTemporaryFolder { folder throws in
            let original = folder.appendingPathComponent("ledger.db").path
            let store = try SQLiteRevisionStore.open(path: original, create: true)
            _ = try await store.record([Drafts.draft(image: "fluent-bit:3.1"), Drafts.draft(image: "fluent-bit:3.2")])
            let crashed = folder.appendingPathComponent("crashed.db").path
            for suffix in ["", "-wal", "-shm"] {
                try FileManager.default.copyItem(atPath: original + suffix, toPath: crashed + suffix)
            }
            // A writer killed in the middle of a commit leaves the log's index unreliable.
            let index = try Data(contentsOf: URL(fileURLWithPath: crashed + "-shm"))
            try Data(repeating: 0, count: index.count).write(to: URL(fileURLWithPath: crashed + "-shm"))
            let reopened = try SQLiteRevisionStore.open(path: crashed, create: false)
            await #expect(try reopened.revisions(of: Drafts.release, limit: 10, before: nil).map(\.number) == [2, 1])
            await #expect(try reopened.verify() == [])
            withExtendedLifetime(store) {}
        }
    }
}
