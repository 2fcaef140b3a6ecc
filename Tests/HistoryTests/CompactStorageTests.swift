import Foundation
import History
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// Schema 4 stores a new version of an object as its delta against the previous version, a
/// whole body deflated, and bounds the chain of deltas.
@Suite struct CompactStorageTests {
    /// A config of `lines` lines, line `changed` differing by `mark`.
    static func config(lines: Int, changed: Int = -1, mark: String = "") -> String {
        (0..<lines).map { "[SECTION \($0)]\n    Name  input_\($0)\n    Tag   kube.*\($0 == changed ? mark : "")" }.joined(separator: "\n")
    }

    @Test func everyVersionReadsBackThroughItsDeltasAndTheChainsStayShort() async throws {
        try await withStore { _, path throws in
            let drafts = (1...80).map { Drafts.draft(image: "fluent-bit:3.\($0)", at: 1_793_614_443 + Double($0)) }
            // Ten processes' worth: each opening finds its bases in the file, not in a batch.
            for start in stride(from: 0, to: drafts.count, by: 8) {
                let store = try SQLiteRevisionStore.open(path: path, create: false)
                for draft in drafts[start..<start + 8] { _ = try await store.record([draft]) }
            }
            let store = try SQLiteRevisionStore.open(path: path, create: false)
            for number in [80, 1, 33, 34, 47, 2, 79] {
                await #expect(try store.objects(of: Drafts.release, number: number) == drafts[number - 1].objects, "revision \(number)")
                await #expect(try store.spec(of: Drafts.release, number: number) == drafts[number - 1].spec, "revision \(number)")
            }
            await #expect(try store.verify() == [])
            let deltas = try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE kind = 'DaemonSet' AND encoding IN (2, 3);")
            let whole = try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE kind = 'DaemonSet' AND encoding IN (0, 1);")
            #expect(deltas + whole == 80 && whole == 3, "a whole body after every 32 deltas")
            #expect(try SQLiteShell.count(path, "SELECT max(depth) FROM object;") == 32)
            #expect(try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE baseId IS NOT NULL AND baseId >= id;") == 0)
        }
    }

    /// In a batch, deltas are worked out in parallel against the release's revision before in
    /// the batch; two releases interleaved, unchanged objects and a config that changes now and
    /// then must all read back, and every changed object after the first be a delta.
    @Test func aBatchOfInterleavedReleasesReadsBackThroughDeltasWorkedOutInParallel() async throws {
        try await withStore { _, path throws in
            let other = ReleaseID(namespace: "logging", name: "other")
            var drafts: [RevisionDraft] = []
            for index in 1...60 {
                let config = Self.config(lines: 40, changed: index / 5, mark: " round \(index / 5)")
                drafts.append(Drafts.draft(image: "fluent-bit:3.\(index)", config: config, at: 1_793_614_443 + Double(index)))
                drafts.append(Drafts.draft(other, image: "agent:\(index % 7)", at: 1_793_614_443 + Double(index)))
            }
            let store = try SQLiteRevisionStore.open(path: path, create: false)
            _ = try await store.record(drafts)
            let reopened = try SQLiteRevisionStore.open(path: path, create: false)
            for (offset, draft) in drafts.enumerated() {
                let number = offset / 2 + 1
                await #expect(try reopened.objects(of: draft.release, number: number) == draft.objects, "\(draft.release) \(number)")
                await #expect(try reopened.spec(of: draft.release, number: number) == draft.spec, "\(draft.release) \(number)")
            }
            await #expect(try reopened.verify() == [])
            let whole = try SQLiteShell.count(path, "SELECT count(*) FROM object WHERE kind = 'DaemonSet' AND encoding IN (0, 1);")
            // The first of each release, and the 34th of the first (after 32 deltas); the other
            // release's 7 images repeat, so its later revisions reuse objects already stored.
            #expect(whole == 3)
        }
    }

    @Test func aLargeObjectIsDeflatedAndALargeChangeToItIsADeflatedDelta() async throws {
        try await withStore { store, path throws in
            let first = Drafts.draft(config: Self.config(lines: 200))
            var second = Drafts.draft(config: Self.config(lines: 200), at: 1_793_614_500)
            // A second large member that changes while the first stays: the delta holds only the second.
            second.objects = second.objects.map { object in
                guard object["kind"] == "ConfigMap" else { return object }
                var copy = object
                copy["data"]?["parsers.conf"] = .string(Self.config(lines: 90, changed: 3, mark: "-2"))
                return copy
            }
            var third = second
            third.objects = second.objects.map { object in
                guard object["kind"] == "ConfigMap" else { return object }
                var copy = object
                copy["data"]?["parsers.conf"] = .string(Self.config(lines: 90, changed: 4, mark: "-3"))
                return copy
            }
            _ = try await store.record([first, second, third])
            let encodings = try SQLiteShell.run(path, "SELECT encoding FROM object WHERE kind = 'ConfigMap' ORDER BY id;")
            #expect(encodings.split(separator: "\n") == ["1", "3", "3"])
            let config = Self.config(lines: 200).utf8.count
            #expect(try SQLiteShell.count(path, "SELECT max(length(body)) FROM object WHERE kind = 'ConfigMap';") < config / 4)
            let reopened = try SQLiteRevisionStore.open(path: path, create: false)
            await #expect(try reopened.objects(of: Drafts.release, number: 3) == third.objects)
            await #expect(try reopened.objects(of: Drafts.release, number: 1) == first.objects)
            await #expect(try reopened.verify() == [])
        }
    }
}
