import Foundation
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// The ledger's recording rules, the same on every store.
@Suite struct RecordingContractTests {
    @Test(arguments: StoreKind.allCases) func numbersEachReleaseOneTwoThreeAndUnchangedContentAddsOnlyAnEvent(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            let other = ReleaseID(namespace: "monitoring", name: "agent")
            var numbers: [Int] = []
            for draft in [Drafts.draft(image: "a:1"), Drafts.draft(other), Drafts.draft(image: "a:2"), Drafts.draft(image: "a:2"),
                          Drafts.draft(image: "a:3")] {
                numbers += try await store.record([draft]).map(\.revision.number)
            }
            #expect(numbers == [1, 1, 2, 2, 3])
            let events = try await store.events(of: Drafts.release, kinds: [], limit: 10)
            #expect(events.map(\.draft.outcome) == [.recorded, .unchanged, .recorded, .recorded])
            #expect(try contract.count("SELECT count(*) FROM revision;") == 4)
        }
    }

    @Test(arguments: StoreKind.allCases) func aRollbackToEqualContentIsANewRevisionThatSaysWhereItCameFrom(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2")])
            let restored = try await store.record([Drafts.draft(image: "a:1", restoredFrom: 1)])
            guard case .recorded(let revision) = restored.first else { throw ContractFailure("expected a new revision, got \(restored)") }
            #expect(revision.number == 3 && revision.metadata.restoredFrom == 1)
            #expect(revision.contentDigest == Drafts.draft(image: "a:1").contentDigest)
            await #expect(try store.verify() == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func aBatchIsRecordedWholeOrNotAtAll(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            _ = try await store.record([Drafts.draft(image: "a:1")])
            var broken = Drafts.draft(ReleaseID(namespace: "other", name: "agent"), image: "b:1")
            // The same (secret, key) twice breaks the secret hashes' key, after the revision row went in.
            broken.secretHashes += broken.secretHashes
            let error = await #expect(throws: StoreError.self) { try await store.record([Drafts.draft(image: "a:2"), broken]) }
            // The engine's code is kept as a value, not flattened into the text.
            guard case .database(_, let cause) = error else {
                Issue.record("expected a database error, got \(String(describing: error))")
                return
            }
            let expected: DatabaseCause.Code = kind == .sqlite ? .sqlite(primary: 19, extended: 1555) : .sqlState("23505")
            #expect(cause.code == expected, "a primary key (unique) violation")
            await #expect(try store.revisions(of: Drafts.release, limit: 10, before: nil).map(\.number) == [1])
            await #expect(try store.namespaces(ofReleaseNamed: "agent") == ["ops"])
            #expect(try contract.count("SELECT count(*) FROM revision;") == 1)
            await #expect(try store.verify() == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func writersOnSeveralConnectionsGetUniqueGaplessNumbers(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let failures = Failures()
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        do {
                            let store = try await contract.reopen()
                            for index in 0..<15 { _ = try await store.record([Drafts.draft(image: "app:\(writer)-\(index)")]) }
                            await store.close()
                        } catch {
                            failures.append("writer \(writer): \(error)")
                        }
                    }
                }
            }
            #expect(failures.values == [])
            let numbers = try await contract.store.revisions(of: Drafts.release, limit: 100, before: nil).map(\.number)
            #expect(numbers == Array((1...60).reversed()))
            await #expect(try contract.store.verify() == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func longRunsOfImageOnlyRevisionsReadBackPastTheDeltaDepth(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            let drafts = (1...40).map { Drafts.draft(image: "a:\($0)") }
            // One batch for the first half, one revision a call for the rest: both paths build deltas.
            _ = try await store.record(Array(drafts[0..<20]))
            for draft in drafts[20...] { _ = try await store.record([draft]) }
            for number in [1, 2, 20, 21, 33, 34, 40] {
                await #expect(try store.objects(of: Drafts.release, number: number) == drafts[number - 1].objects)
                await #expect(try store.spec(of: Drafts.release, number: number) == drafts[number - 1].spec)
            }
            // Image-only revisions share the ConfigMap and Secret, and store the DaemonSet and manifest as deltas.
            #expect(try contract.count("SELECT count(*) FROM object;") == 2 * 40 + 2)
            #expect(try contract.count("SELECT count(*) FROM object WHERE encoding >= 2;") > 40)
            await #expect(try store.verify() == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func settingsKeepTheFirstValueAndTheKeyIDRefusesAnotherKey(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            #expect(try await store.adoptSetting("team-name", value: "platform") == "platform")
            #expect(try await store.adoptSetting("team-name", value: "others") == "platform")
            try await LedgerKey.check(Drafts.key, keyFile: "team.key", store: store)
            #expect(try await store.settings()[LedgerKey.setting] == LedgerKey.id(of: Drafts.key))
            let other = try #require(SecretKey(bytes: Data(repeating: 1, count: 32)))
            await #expect(throws: StoreError.keyMismatch(location: store.location, keyFile: "mine.key")) {
                try await LedgerKey.check(other, keyFile: "mine.key", store: store)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func noPlaintextSecretIsStoredEvenInsideCompressedBodies(kind: StoreKind) async throws {
        try await withContractStore(kind) { contract throws in
            let store = contract.store
            let secret = "hunter2-very-secret-value"
            _ = try await store.record([Drafts.draft(secrets: ["TOKEN": secret]), Drafts.draft(image: "a:2", secrets: ["TOKEN": secret])])
            let everything = try await store.everyObject()
            #expect(everything.count >= 4)
            let text = everything.map(CanonicalJSON.compact).joined()
            #expect(!text.contains(secret) && !text.contains(Data(secret.utf8).base64EncodedString()))
        }
    }
}

/// Failures collected from concurrent writers.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ item: String) { lock.withLock { items.append(item) } }
    var values: [String] { lock.withLock { items } }
}
