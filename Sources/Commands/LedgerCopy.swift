import Foundation
import Ledger
import ObjectModel

/// Copies one ledger into another with every digest kept: releases in name order, each
/// release's missing revisions (with their objects, spec and secret hashes) and missing events,
/// in the order the source recorded them. Everything is checked before anything is written.
struct LedgerCopy {
    let source: any RevisionStore
    let destination: any RevisionStore
    let sourceName: String
    let destinationName: String
    private let sourceKeyFile: String?
    private let destinationKeyFile: String?

    /// Revisions a transaction carries.
    private static let batch = 500

    struct Tally {
        var releases = 0
        var revisions = 0
        var events = 0
    }

    init(from: StoreOptions, to: StoreOptions, context: CommandContext) async throws {
        source = try await from.open(in: context, create: false)
        destination = try await to.open(in: context, create: true)
        sourceName = source.location
        destinationName = destination.location
        sourceKeyFile = try? from.keyPath(in: context)
        destinationKeyFile = try? to.keyPath(in: context)
    }

    /// What `run` will copy, by release: the revisions and events the destination lacks.
    private struct Missing {
        var release: ReleaseID
        var revisions: [Revision]
        var events: [EventDraft]
    }

    func run() async throws -> Tally {
        let keyID = try await checkKeys()
        var plan: [Missing] = []
        for release in try await source.releases() {
            plan.append(try await missing(release))
        }
        if let keyID { _ = try await destination.adoptSetting(LedgerKey.setting, value: keyID) }
        var tally = Tally()
        for entry in plan where !entry.revisions.isEmpty || !entry.events.isEmpty {
            tally.releases += 1
            var entries: [LedgerEntry] = []
            for revision in entry.revisions {
                entries.append(try await copied(revision))
                if entries.count >= Self.batch {
                    _ = try await destination.record(entries: entries)
                    entries.removeAll()
                }
            }
            entries += entry.events.map(LedgerEntry.copiedEvent)
            _ = try await destination.record(entries: entries)
            tally.revisions += entry.revisions.count
            tally.events += entry.events.count
        }
        return tally
    }

    func verifyDestination() async throws -> [String] {
        (try await destination.verify()).map(\.description)
    }

    /// The key id both ledgers share, to record in the destination; refuses two different keys.
    private func checkKeys() async throws -> String? {
        var sourceID = (try await source.settings())[LedgerKey.setting]
        if sourceID == nil, let file = sourceKeyFile, let data = FileManager.default.contents(atPath: file), let key = SecretKey(bytes: data) {
            sourceID = LedgerKey.id(of: key)
        }
        let destinationID = (try await destination.settings())[LedgerKey.setting]
        if let sourceID, let destinationID, sourceID != destinationID {
            throw LedgerCopyError.keysDiffer(source: sourceName, sourceKeyFile: sourceKeyFile, destination: destinationName,
                                            destinationKeyFile: destinationKeyFile)
        }
        if sourceID == nil, try await source.hasRevisions() {
            throw LedgerCopyError.unknownSourceKey(source: sourceName, destination: destinationName)
        }
        return sourceID ?? destinationID
    }

    /// The release's revisions and events the destination lacks; refuses a release whose
    /// revisions differ between the two.
    private func missing(_ release: ReleaseID) async throws -> Missing {
        let all = Int(Int32.max)
        let theirs = try await source.revisions(of: release, limit: all, before: nil).reversed()
        let ours = try await destination.revisions(of: release, limit: all, before: nil).reversed()
        for (mine, copy) in zip(ours, theirs) where mine.chainDigest != copy.chainDigest || mine.number != copy.number {
            throw LedgerCopyError.revisionsDiffer(release, source: sourceName, destination: destinationName, number: mine.number)
        }
        if ours.count > theirs.count {
            throw LedgerCopyError.destinationAhead(release, source: sourceName, destination: destinationName)
        }
        let sourceEvents = try await source.events(of: release, kinds: [], limit: all)
        let knownEvents = try await destination.events(of: release, kinds: [], limit: all)
        var present: [EventDraft: Int] = [:]
        for event in knownEvents { present[event.draft, default: 0] += 1 }
        var events: [EventDraft] = []
        for event in sourceEvents.reversed() {
            if let count = present[event.draft], count > 0 {
                present[event.draft] = count - 1
            } else {
                events.append(event.draft)
            }
        }
        return Missing(release: release, revisions: Array(theirs.dropFirst(ours.count)), events: events)
    }

    /// A source revision as an entry that keeps its number, time and chain digest.
    private func copied(_ revision: Revision) async throws -> LedgerEntry {
        let (release, number) = (revision.release, revision.number)
        let spec = try await source.spec(of: release, number: number)
        let objects = try await source.objects(of: release, number: number)
        let hashes = try await source.secretHashes(of: release, number: number)
        let draft = RevisionDraft(release: release, metadata: revision.metadata, spec: spec, objects: objects, secretHashes: hashes,
                                  summary: revision.summary)
        guard draft.contentDigest == revision.contentDigest else {
            throw LedgerCopyError.damagedRevision(release, source: sourceName, number: number)
        }
        return .copiedRevision(draft, number: number, chainDigest: revision.chainDigest)
    }
}
