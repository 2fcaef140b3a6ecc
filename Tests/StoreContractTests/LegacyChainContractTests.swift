import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing
import TestSupport

/// Ledgers written before links were keyed (Fixtures/legacy-ledger.db, plain SHA-256 chains, no
/// positions) keep verifying, as `unkeyed`, and the first keyed link anchors their prefix.
@Suite struct LegacyChainContractTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let nodeExporter = ReleaseID(namespace: "monitoring", name: "node-exporter")
    static let fluentBit = ReleaseID(namespace: "logging", name: "fluent-bit")
    static var key: SecretKey {
        get throws { try #require(SecretKey(bytes: try Data(contentsOf: fixtures.appendingPathComponent("legacy-ledger.db.key")))) }
    }

    /// The fixture opened from a copy (migrated to today's schema, as any ledger is when opened).
    static func withFixture(_ body: (any RevisionStore, String) async throws -> Void) async throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("legacy.db").path
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("legacy-ledger.db").path, toPath: path)
        let store = try SQLiteRevisionStore.open(path: path, create: false)
        try await body(store, path)
        await store.close()
    }

    /// A store of `kind` holding the fixture's history, copied link by link as `ledger copy` does.
    static func withLegacy(_ kind: StoreKind, _ body: (ContractStore) async throws -> Void) async throws {
        let chainKey = ChainKey(deriving: try key)
        try await withFixture { legacy, _ in
            var entries: [LedgerEntry] = []
            for release in try await legacy.releases() {
                for revision in try await legacy.revisions(of: release, limit: 100, before: nil).reversed() {
                    let number = revision.number
                    let draft = RevisionDraft(release: release, metadata: revision.metadata, spec: try await legacy.spec(of: release, number: number),
                                              objects: try await legacy.objects(of: release, number: number),
                                              secretHashes: try await legacy.secretHashes(of: release, number: number), summary: revision.summary)
                    entries.append(.copiedRevision(draft, number: number, chainDigest: revision.chainDigest, position: nil))
                }
                for event in try await legacy.events(of: release, kinds: [], limit: 100).reversed() {
                    entries.append(.copiedEvent(event.draft, position: nil, chainDigest: nil))
                }
            }
            try await withContractStore(kind) { contract throws in
                _ = try await contract.store.record(entries: entries, chainKey: chainKey)
                try await body(contract)
            }
        }
    }

    @Test func theFixtureIsUnkeyedAndIntact() async throws {
        let chainKey = ChainKey(deriving: try Self.key)
        try await Self.withFixture { store, _ in
            let verification = try await store.verify(chainKey: chainKey)
            #expect(verification.releases.map(\.status) == [.unkeyed, .unkeyed])
            #expect(verification.isIntact)
        }
    }

    @Test(arguments: StoreKind.allCases) func anUnkeyedReleaseHasHeadsAtItsRevisions(kind: StoreKind) async throws {
        try await Self.withLegacy(kind) { contract throws in
            let revisions = try await contract.store.revisions(of: Self.nodeExporter, limit: 10, before: nil)
            let heads = try await contract.store.chainHeads()
            #expect(heads.map(\.release) == [Self.fluentBit, Self.nodeExporter])
            #expect(heads.last == ChainHead(release: Self.nodeExporter, position: 2, digest: String(revisions[0].chainDigest.dropFirst(7)),
                                            revisions: 2, events: 3))
            #expect(try await contract.store.linkDigest(of: Self.nodeExporter, at: 1) == String(revisions[1].chainDigest.dropFirst(7)))
        }
    }

    @Test(arguments: StoreKind.allCases) func theFirstKeyedLinkAnchorsThePlainPrefix(kind: StoreKind) async throws {
        let chainKey = ChainKey(deriving: try Self.key)
        try await Self.withLegacy(kind) { contract throws in
            let store = contract.store
            #expect(try await store.verify(chainKey: chainKey).releases.map(\.status) == [.unkeyed, .unkeyed])
            _ = try await store.record([Drafts.draft(Self.nodeExporter, image: "node-exporter:v1.9.0")], chainKey: chainKey)
            #expect(try await store.verify(chainKey: chainKey).releases.map(\.status) == [.unkeyed, .intact])
            let revisions = try await store.revisions(of: Self.nodeExporter, limit: 10, before: nil)
            let third = revisions[0]
            #expect(third.position == 3)
            #expect(third.chainDigest == Digests.revisionLink(key: chainKey, previous: revisions[1].chainDigest, position: 3,
                                                              release: Self.nodeExporter, number: 3, contentDigest: third.contentDigest,
                                                              metadata: third.metadata, summary: third.summary))

            // The plain prefix rewritten with its plain chain recomputed: the keyed link after it no longer follows.
            var previous: String?
            var statements: [String] = []
            for var revision in revisions.dropFirst().reversed() {
                revision.metadata.author = "mallory"
                previous = Digests.chain(previous: previous, release: revision.release, number: revision.number,
                                         contentDigest: revision.contentDigest, metadata: revision.metadata, summary: revision.summary)
                let release = ChainContractTests.column(kind, sqlite: "releaseId", postgresql: "release_id")
                statements.append("UPDATE revision SET author = 'mallory', \(ChainContractTests.column(kind, sqlite: "chainDigest", postgresql: "chain_digest")) = "
                    + "\(ChainContractTests.bytes(previous ?? "", kind)) WHERE number = \(revision.number) AND \(release) = "
                    + "(SELECT id FROM release WHERE name = 'node-exporter');")
            }
            try contract.tamper(statements.joined(separator: "\n"))
            let verdict = try #require(try await store.verify(chainKey: chainKey).releases.last)
            #expect(verdict.broken?.problem == .changedRevision)
            #expect(verdict.broken?.revision == 3 && verdict.broken?.position == 3)
        }
    }

    @Test(arguments: StoreKind.allCases) func aPlainLinkAfterAKeyedOneIsDamage(kind: StoreKind) async throws {
        let chainKey = ChainKey(deriving: try Self.key)
        try await Self.withLegacy(kind) { contract throws in
            _ = try await contract.store.record([Drafts.draft(Self.nodeExporter, image: "node-exporter:v1.9.0"),
                                                 Drafts.draft(Self.nodeExporter, image: "node-exporter:v1.9.1")], chainKey: chainKey)
            let release = ChainContractTests.column(kind, sqlite: "releaseId", postgresql: "release_id")
            try contract.tamper("UPDATE revision SET position = NULL WHERE number = 4 AND \(release) = (SELECT id FROM release WHERE name = 'node-exporter');")
            let verdict = try #require(try await contract.store.verify(chainKey: nil).releases.last)
            #expect(verdict.broken?.problem == .plainAfterKeyed)
            #expect(verdict.broken?.revision == 4)
        }
    }
}
