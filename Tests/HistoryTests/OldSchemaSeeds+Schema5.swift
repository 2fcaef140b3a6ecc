import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

extension OldSchemaSeeds {
    /// Schema 5: settings every writer agrees on; the key id of schema 4's key, as a writer of
    /// schema 5 stores it on first use.
    static func schema5(path: String) throws -> (SQLiteRevisionStore) async throws -> Void {
        let check = try schema4(path: path)
        let id = LedgerKey.id(of: Drafts.key)
        try SQLiteShell.run(path, "INSERT INTO setting (name, value) VALUES ('\(LedgerKey.setting)', '\(id)');")
        return { store in
            try await check(store)
            #expect(try await store.settings()[LedgerKey.setting] == id)
            try await LedgerKey.check(Drafts.key, keyFile: "agent.key", store: store)
            let other = try #require(SecretKey(bytes: Data(repeating: 9, count: 32)))
            await #expect(throws: StoreError.keyMismatch(location: path, keyFile: "other.key")) {
                try await LedgerKey.check(other, keyFile: "other.key", store: store)
            }
        }
    }
}
