import Foundation
import Ledger
import LedgerTestSupport
import Testing
import TestSupport

/// A write waits for another writer's lock only as long as the store's lock timeout (SQLite's
/// busy timeout, PostgreSQL's `lock_timeout`), then fails with one error naming the ledger and the wait.
@Suite struct LockTimeoutContractTests {
    @Test(.timeLimit(.minutes(2)), arguments: StoreKind.allCases)
    func aWriteBlockedPastTheLockTimeoutFailsAsLockedAndWritesNothing(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            _ = try await contract.store.record([Drafts.draft(image: "app:1")])
            let second = try await contract.reopenWaiting(.seconds(1))
            // Another session holds the lock a write of the release needs for 10 seconds once it has it,
            // and says so by creating a marker file (a fixed wait raced a slow start under load).
            let marker = TemporaryFolder.make().appendingPathComponent("held").path
            defer { try? FileManager.default.removeItem(atPath: (marker as NSString).deletingLastPathComponent) }
            let hold = kind == .sqlite ? "BEGIN EXCLUSIVE;\n.shell touch \(marker)\n.shell sleep 10\nCOMMIT;"
                : "BEGIN;\nSELECT name FROM release FOR UPDATE;\n\\! touch \(marker)\nSELECT pg_sleep(10);\nCOMMIT;"
            // On a thread of its own: blocking one of the pool's few threads would stall the writer under test.
            let holder = Task { try await offThePool { try contract.sql(hold) } }
            while !FileManager.default.fileExists(atPath: marker) { try await Task.sleep(for: .milliseconds(20)) }
            let started = ContinuousClock.now
            await #expect {
                _ = try await second.record([Drafts.draft(image: "app:2")])
            } throws: { error in
                guard case .locked(let location, let waited) = error as? StoreError else { return false }
                return location == second.location && waited == "1s"
                    && "\(error)".contains("--lock-timeout") && "\(error)".contains("DSLEDGER_LOCK_TIMEOUT")
            }
            #expect(ContinuousClock.now - started < .seconds(8), "waited the 1 s lock timeout, not the holder's 10 s")
            _ = try await holder.value
            await second.close()
            await #expect(try contract.store.revisions(of: Drafts.release, limit: 10, before: nil).map(\.number) == [1])
        }
    }
}
