import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

@Suite struct SecretStorageTests {
    static let values = ["s3cr3t-PLAINTEXT-1", "s3cr3t-PLAINTEXT-2", "s3cr3t-PLAINTEXT-3"]

    /// Every file SQLite keeps for the ledger.
    static func files(_ path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"].filter { FileManager.default.fileExists(atPath: $0) }
    }

    static func leaks(in path: String) throws -> [String] {
        var found: [String] = []
        for file in files(path) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for value in values {
                for needle in [value, Data(value.utf8).base64EncodedString()] where bytes.range(of: Data(needle.utf8)) != nil {
                    found.append("\(needle) in \(file)")
                }
            }
        }
        return found
    }

    @Test func noPlaintextSecretOrItsBase64ReachesTheDatabaseFiles() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            do {
                let store = try SQLiteRevisionStore.open(path: path, create: true)
                _ = try await store.record([Drafts.draft(secrets: ["ES_PASSWORD": Self.values[0], "API_KEY": Self.values[1]])])
                _ = try await store.record([Drafts.draft(image: "a:2", secrets: ["ES_PASSWORD": Self.values[2], "API_KEY": Self.values[1]])])
                #expect(try Self.leaks(in: path) == [], "while open")
                let stored = try await store.objects(of: Drafts.release, number: 2)[1]["data"]
                #expect(stored == ["ES_PASSWORD": .string(Drafts.key.marker(Self.values[2])),
                                   "API_KEY": .string(Drafts.key.marker(Self.values[1]))])
                let spec = try await store.spec(of: Drafts.release, number: 1)
                #expect(spec.value(at: Drafts.secretPath("ES_PASSWORD")) == .string(Drafts.key.marker(Self.values[0])))
                await #expect(Set(try store.secretHashes(of: Drafts.release, number: 2).map(\.hmac))
                    == [Drafts.key.hmac(Self.values[2]), Drafts.key.hmac(Self.values[1])])
            }
            #expect(try Self.leaks(in: path) == [], "after closing")
            // Bodies are deflated, so the scan of the raw files above cannot see into them: read
            // every stored object back and look there too.
            let objects = try await SQLiteRevisionStore.open(path: path, create: false).everyObject()
            #expect(objects.filter { CanonicalJSON.compact($0).contains("hmac-sha256:") }.count == 4)
            for value in Self.values { #expect(!objects.contains { CanonicalJSON.compact($0).contains(value) }) }
        }
    }
}
