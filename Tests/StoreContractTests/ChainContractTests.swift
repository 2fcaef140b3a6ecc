import Foundation
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// The keyed chain over revisions and events, on every store: what someone who can write the
/// database (past the append-only guards) tries, and what `verify` names.
@Suite struct ChainContractTests {
    /// Three revisions, each followed by its `recorded` event: links 1 (revision 1), 2 (its
    /// event), 3 (revision 2), 4, 5 (revision 3), 6.
    static func recorded(_ kind: StoreKind, _ body: (ContractStore) async throws -> Void) async throws {
        try await withContractStore(kind) { contract throws in
            _ = try await contract.store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2"), Drafts.draft(image: "a:3")])
            try await body(contract)
        }
    }

    /// The verdict of the one release.
    static func verdict(_ contract: ContractStore, key: ChainKey? = Drafts.chainKey) async throws -> ChainVerdict {
        try #require(try await contract.store.verify(chainKey: key).releases.first)
    }

    /// A blob literal of `sha256:<hex>`'s bytes in the store's SQL.
    static func bytes(_ digest: String, _ kind: StoreKind) -> String {
        let hex = digest.dropFirst("sha256:".count)
        return kind == .sqlite ? "X'\(hex)'" : "decode('\(hex)', 'hex')"
    }

    static func column(_ kind: StoreKind, sqlite: String, postgresql: String) -> String { kind == .sqlite ? sqlite : postgresql }

    @Test(arguments: StoreKind.allCases) func recordsEveryRevisionAndEventAsOneChain(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            let verdict = try await Self.verdict(contract)
            #expect(verdict.status == .intact)
            #expect(verdict.head?.position == 6 && verdict.head?.revisions == 3 && verdict.head?.events == 3)
            let revisions = try await contract.store.revisions(of: Drafts.release, limit: 10, before: nil)
            #expect(revisions.map(\.position) == [5, 3, 1])
            let events = try await contract.store.events(of: Drafts.release, kinds: [], limit: 10)
            #expect(events.map(\.position) == [6, 4, 2])
            let heads = try await contract.store.chainHeads()
            #expect(heads == [ChainHead(release: Drafts.release, position: 6, digest: try #require(events.first?.chainDigest).replacingOccurrences(of: "sha256:", with: ""),
                                        revisions: 3, events: 3)])
            #expect(try await contract.store.linkDigest(of: Drafts.release, at: 5) == revisions[0].chainDigest.replacingOccurrences(of: "sha256:", with: ""))
            #expect(try await contract.store.linkDigest(of: Drafts.release, at: 7) == nil)
            #expect(try await contract.store.verifyChain(of: Drafts.release, upTo: 2, chainKey: Drafts.chainKey).status == .intact)
        }
    }

    @Test(arguments: StoreKind.allCases) func anEditedRevisionWithItsPlainChainRecomputedIsCaught(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            // What today's plain chain would accept: the author changed, and revision 2's and 3's
            // chain digests recomputed as plain SHA-256 over the edit.
            let revisions = try await contract.store.revisions(of: Drafts.release, limit: 10, before: nil).reversed().map { $0 }
            var previous = revisions[0].chainDigest
            var statements: [String] = []
            for var revision in revisions.dropFirst() {
                revision.metadata.author = "mallory"
                previous = Digests.chain(previous: previous, release: revision.release, number: revision.number,
                                         contentDigest: revision.contentDigest, metadata: revision.metadata, summary: revision.summary)
                statements.append("UPDATE revision SET author = 'mallory', \(Self.column(kind, sqlite: "chainDigest", postgresql: "chain_digest")) = "
                    + "\(Self.bytes(previous, kind)) WHERE number = \(revision.number);")
            }
            try contract.tamper(statements.joined(separator: "\n"))
            let verdict = try await Self.verdict(contract)
            #expect(verdict.status == .damaged)
            #expect(verdict.broken?.problem == .changedRevision)
            #expect(verdict.broken?.revision == 2 && verdict.broken?.position == 3)
            #expect(try await contract.store.verifyChain(of: Drafts.release, upTo: 1, chainKey: Drafts.chainKey).status == .intact)
            #expect(try await contract.store.verifyChain(of: Drafts.release, upTo: 3, chainKey: Drafts.chainKey).broken?.revision == 2)
        }
    }

    @Test(arguments: StoreKind.allCases) func anEditedEventIsCaughtAndNamed(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            try contract.tamper("UPDATE event SET outcome = 'unchanged' WHERE position = 4;")
            let verdict = try await Self.verdict(contract)
            #expect(verdict.broken?.problem == .changedEvent)
            #expect(verdict.broken?.position == 4 && verdict.broken?.event != nil)
            // Without a key the edit cannot be seen, and the verdict says the links were not checked.
            let unchecked = try await contract.store.verify(chainKey: nil)
            #expect(unchecked.isIntact && !unchecked.linksChecked)
        }
    }

    @Test(arguments: StoreKind.allCases) func aDeletedEventIsAMissingLink(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            try contract.tamper("DELETE FROM event WHERE position = 4;")
            let verdict = try await Self.verdict(contract, key: nil)
            #expect(verdict.broken == BrokenLink(.missingLink, position: 4, message: "missing: the positions jump from 3 to 5"))
        }
    }

    @Test(arguments: StoreKind.allCases) func anInsertedEventIsCaught(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            // An apply that never happened, written as an old (unlinked) event would be.
            try contract.tamper(Self.column(kind, sqlite: """
                INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, context, server)
                VALUES (1, 3, 'apply', 'succeeded', 'mallory', '2026-01-01T00:00:00.000Z', 'prod', 'https://prod');
                """, postgresql: """
                INSERT INTO event (release_id, revision_number, kind, outcome, author, created_at, context, server)
                VALUES ((SELECT id FROM release), 3, 'apply', 'succeeded', 'mallory', now(), 'prod', 'https://prod');
                """))
            let verdict = try await Self.verdict(contract)
            #expect(verdict.broken?.problem == .unchainedEvent)
            #expect(verdict.broken?.revision == 3 && verdict.broken?.event != nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func aLinkForgedWithoutTheKeyIsCaught(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            let head = try #require(try await contract.store.chainHeads().first)
            let forged = EventDraft(release: Drafts.release, kind: .apply, outcome: .succeeded, revision: 3, author: "mallory",
                                    createdAt: Date(timeIntervalSince1970: 1_800_000_000), cluster: ClusterTarget(context: "prod", server: "https://prod"))
            let guess = ChainKey(deriving: try #require(SecretKey(bytes: Data(repeating: 9, count: 32))))
            let digest = Digests.eventLink(key: guess, previous: "sha256:" + head.digest, position: 7, event: forged)
            try contract.tamper(Self.column(kind, sqlite: """
                INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, context, server, position, chainDigest)
                VALUES (1, 3, 'apply', 'succeeded', 'mallory', '\(Timestamp.format(forged.createdAt))', 'prod', 'https://prod', 7, \(Self.bytes(digest, kind)));
                """, postgresql: """
                INSERT INTO event (release_id, revision_number, kind, outcome, author, created_at, context, server, position, chain_digest)
                VALUES ((SELECT id FROM release), 3, 'apply', 'succeeded', 'mallory', '\(Timestamp.format(forged.createdAt))', 'prod', 'https://prod', 7, \(Self.bytes(digest, kind)));
                """))
            let verdict = try await Self.verdict(contract)
            #expect(verdict.broken?.problem == .changedEvent && verdict.broken?.position == 7)
        }
    }

    @Test(arguments: StoreKind.allCases) func aDeletedMiddleRevisionIsNamed(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            try contract.tamper(Self.column(kind, sqlite: """
                DELETE FROM revisionObject WHERE revisionId = (SELECT id FROM revision WHERE number = 2);
                DELETE FROM revision WHERE number = 2;
                """, postgresql: """
                DELETE FROM revision_object WHERE number = 2; DELETE FROM secret_hash WHERE number = 2; DELETE FROM revision WHERE number = 2;
                """))
            let verdict = try await Self.verdict(contract, key: nil)
            #expect(verdict.broken == BrokenLink(.missingLink, position: nil, revision: 2, message: "missing: the numbering jumps from 1 to 3"))
            #expect(verdict.broken?.description == "revision 2: missing: the numbering jumps from 1 to 3")
        }
    }

    @Test(arguments: StoreKind.allCases) func eventsRecordedAloneByConcurrentWritersTakeDistinctPositions(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            let others = try await (0..<3).asyncMap { _ in try await contract.reopen() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, store) in ([contract.store] + others).enumerated() {
                    group.addTask {
                        for round in 0..<5 {
                            try await store.recordEvent(EventDraft(release: Drafts.release, kind: .drift, outcome: .clean, revision: 3,
                                                                   author: "writer \(index)", createdAt: Date(timeIntervalSince1970: Double(round))))
                        }
                    }
                }
                try await group.waitForAll()
            }
            for store in others { await store.close() }
            let verdict = try await Self.verdict(contract)
            #expect(verdict.status == .intact)
            #expect(verdict.head?.position == 26 && verdict.head?.events == 23)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
