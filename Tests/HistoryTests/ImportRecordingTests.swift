import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

@Suite struct ImportRecordingTests {
    static func imported(_ image: String, origin: String, partial: Bool = false) -> RevisionDraft {
        var draft = Drafts.draft(image: image)
        draft.metadata = RevisionMetadata(action: .import, author: "Bob <bob@example.com>", message: "from git",
                                          sourceFile: "agent.yaml", toolVersion: "0.1.0",
                                          createdAt: Date(timeIntervalSince1970: 1_793_000_000), origin: origin, partial: partial)
        return draft
    }

    static func skipped(_ origin: String) -> EventDraft {
        EventDraft(release: Drafts.release, kind: .import, outcome: .skipped, revision: nil, author: "Bob",
                   createdAt: Date(timeIntervalSince1970: 1_793_000_000), cluster: nil, detail: ["error": "invalid"], origin: origin)
    }

    @Test func recordsRevisionsAndEventsInOrderInOneBatchWithOriginAndPartial() async throws {
        try await withStore { store, _ throws in
            let outcomes = try await store.record(entries: [
                .revision(Self.imported("a:1", origin: "git:1")), .event(Self.skipped("git:2")),
                .revision(Self.imported("a:3", origin: "git:3", partial: true)), .revision(Self.imported("a:3", origin: "git:4")),
            ])
            #expect(outcomes.map { $0?.revision.number } == [1, nil, 2, 2])
            guard case .unchanged? = outcomes[3] else { Issue.record("equal content is unchanged"); return }
            let second = try await #require(try store.revision(of: Drafts.release, number: 2))
            #expect(second.metadata.origin == "git:3" && second.metadata.partial)
            await #expect(try store.revision(of: Drafts.release, number: 1)?.metadata.partial == false)
            await #expect(try store.origins(of: Drafts.release, prefix: "git:") == ["git:1", "git:2", "git:3", "git:4"])
            await #expect(try store.origins(of: Drafts.release, prefix: "cluster:") == [])
            await #expect(try store.origins(of: ReleaseID(namespace: "ops", name: "other"), prefix: "git:") == [])
            let events = try await store.events(of: Drafts.release, kinds: [.import], limit: 10)
            #expect(events.map(\.draft.outcome) == [.unchanged, .recorded, .skipped, .recorded])
            // A recorded revision keeps its own origin; only events without a revision carry one.
            #expect(events.map(\.draft.origin) == ["git:4", nil, "git:2", nil])
            await #expect(try store.verify() == [])
        }
    }

    @Test func aLargeBatchEncodedInParallelKeepsItsOrderAndChain() async throws {
        try await withStore { store, _ throws in
            let drafts = (1...300).map { Self.imported("a:\($0)", origin: "git:\($0)") }
            let outcomes = try await store.record(entries: drafts.map(LedgerEntry.revision))
            #expect(outcomes.map { $0?.revision.number } == Array(1...300))
            await #expect(try store.revision(of: Drafts.release, number: 300)?.summary.images == ["a:300"])
            await #expect(try store.verify() == [])
        }
    }

    @Test func verifyCatchesAnEditedOrigin() async throws {
        try await withStore { store, path throws in
            _ = try await store.record([Self.imported("a:1", origin: "git:1"), Self.imported("a:2", origin: "git:2")])
            try SQLiteShell.run(path, """
                DROP TRIGGER revision_is_append_only_update;
                UPDATE revision SET origin = 'git:forged' WHERE number = 1;
                """)
            let problems = try await store.verify()
            #expect(problems.map(\.revision) == [1])
            #expect(problems.first?.message.contains("link digest mismatch") == true)
        }
    }
}

/// The recorder takes the encoding of an object equal to the previous draft's at its place:
/// drafts that reuse values and drafts built apart record exactly what each draft says (its own
/// content digest, its own objects), and an object changed deep inside is never taken as kept.
@Suite struct SharedObjectRecordingTests {
    /// 100 versions: the image changes every time, the ConfigMap every tenth; with `shared`,
    /// each version reuses the previous version's values where they are equal.
    static func drafts(shared: Bool) -> [RevisionDraft] {
        var previous: RevisionDraft?
        return (1...100).map { index in
            var draft = Drafts.draft(image: "a:\(index)", config: "level = \(index / 10)", secrets: [:])
            if shared, let previous {
                draft.objects = zip(draft.objects, previous.objects).map { $0 == $1 ? $1 : $0 }
            }
            previous = draft
            return draft
        }
    }

    @Test func sharedAndSeparateDraftsRecordTheSame() async throws {
        let shared = Self.drafts(shared: true)
        #expect(shared[1].objects[0] == shared[0].objects[0] && shared[9].objects[0] != shared[8].objects[0])
        var digests: [[String]] = []
        for drafts in [shared, Self.drafts(shared: false)] {
            try await withStore { store, _ throws in
                let outcomes = try await store.record(entries: drafts.map(LedgerEntry.revision))
                #expect(outcomes.map { $0?.revision.number } == Array(1...100))
                var found: [String] = []
                for number in 1...100 { found.append(try #require(try await store.revision(of: Drafts.release, number: number)).contentDigest) }
                digests.append(found)
                #expect(found == drafts.map(\.contentDigest), "each revision has its draft's own digest")
                for number in [1, 2, 10, 11, 55, 100] {
                    await #expect(try store.objects(of: Drafts.release, number: number) == drafts[number - 1].objects)
                }
                await #expect(try store.verify() == [])
            }
        }
        #expect(digests.count == 2 && digests[0] == digests[1])
    }

    /// Consecutive drafts whose objects differ only in one deep scalar (a container's image, a
    /// Secret's value): each is recorded with its own content, none with the one before's.
    @Test func aChangeDeepInsideAnObjectIsNeverTakenAsKept() async throws {
        let drafts = (1...40).map { index in
            Drafts.draft(image: "a:\(index)", config: "level = 1", secrets: ["TOKEN": "t\(index / 3)"])
        }
        try await withStore { store, _ throws in
            _ = try await store.record(entries: drafts.map(LedgerEntry.revision))
            for number in 1...40 {
                await #expect(try store.objects(of: Drafts.release, number: number) == drafts[number - 1].objects, "revision \(number)")
            }
            await #expect(try store.verify() == [])
        }
    }
}
