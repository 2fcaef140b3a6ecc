import Foundation
import Ledger
import LedgerTestSupport
import Testing

/// What only a networked store can meet: a connection dropped in the middle of a transaction.
@Suite struct PostgresOnlyTests {
    @Test func aConnectionDroppedMidTransactionLeavesNoPartialRevision() async throws {
        try await withContractStore(.postgresql) { contract throws in
            _ = try await contract.store.record([Drafts.draft(image: "a:0")])
            let drafts = (1...400).map { Drafts.draft(image: "a:\($0)") }
            let writer = try await contract.reopen()
            let recording = Task { try await writer.record(drafts) }
            // Drop the writer's connection from the server side while its batch is on its way.
            var terminated = false
            for _ in 0..<200 where !terminated {
                try await Task.sleep(for: .milliseconds(5))
                let killed = try contract.sql("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'dsledger'
                        AND state <> 'idle'
                    """)
                terminated = killed != "0"
            }
            let outcome = await recording.result
            let count = try contract.count("SELECT count(*) FROM revision;")
            if case .failure(let error) = outcome {
                #expect(error is StoreError)
                #expect(count == 1, "no revision of the dropped batch is there")
            } else {
                #expect(count == 401, "the batch committed before the connection went: all of it is there")
            }
            await #expect(try contract.store.verify() == [])
            await writer.close()
        }
    }
}
