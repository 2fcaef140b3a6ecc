import Foundation
import Ledger
import ObjectModel

/// Copies one ledger into another with every digest kept: releases in name order, each
/// release's missing revisions (with their objects, spec and secret hashes) and missing events,
/// in the order of the source's chain, so every link keeps its position and digest (a plain
/// prefix first, then events written before events were links, then the keyed links).
/// Everything is checked before anything is written.
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
        var events: [Event]

        /// The links in the order the source's chain has them: plain revisions, events that are
        /// no link, then keyed links by position.
        var ordered: [(revision: Revision?, event: Event?)] {
            let plain = revisions.filter { $0.position == nil }.map { (revision: Optional($0), event: Event?.none) }
            let unlinked = events.filter { $0.position == nil }.map { (revision: Revision?.none, event: Optional($0)) }
            let keyed = (revisions.compactMap { revision in revision.position.map { ($0, Optional(revision), Event?.none) } }
                + events.compactMap { event in event.position.map { ($0, Revision?.none, Optional(event)) } })
                .sorted { $0.0 < $1.0 }.map { (revision: $0.1, event: $0.2) }
            return plain + unlinked + keyed
        }
    }

    func run() async throws -> Tally {
        let keyID = try await checkKeys()
        var plan: [Missing] = []
        for release in try await source.releases() {
            plan.append(try await missing(release))
        }
        plan.removeAll { $0.revisions.isEmpty && $0.events.isEmpty }
        let chainKey = plan.isEmpty ? nil : try chainKey(keyID: keyID)
        if let keyID { _ = try await destination.adoptSetting(LedgerKey.setting, value: keyID) }
        var tally = Tally()
        for entry in plan {
            guard let chainKey else { break }
            tally.releases += 1
            var entries: [LedgerEntry] = []
            for link in entry.ordered {
                if let revision = link.revision { entries.append(try await copied(revision)) }
                if let event = link.event { entries.append(.copiedEvent(event.draft, position: event.position, chainDigest: event.chainDigest)) }
                if entries.count >= Self.batch {
                    _ = try await destination.record(entries: entries, chainKey: chainKey)
                    entries.removeAll()
                }
            }
            _ = try await destination.record(entries: entries, chainKey: chainKey)
            tally.revisions += entry.revisions.count
            tally.events += entry.events.count
        }
        return tally
    }

    /// Verifies the destination with the key the copy used: the damage found, one line each.
    func verifyDestination() async throws -> [String] {
        let keyID = try await checkKeys()
        return (try await destination.verify(chainKey: try? chainKey(keyID: keyID))).damage.map(\.description)
    }

    /// The chain key of the ledger key both ledgers share: the links are copied as they are, and
    /// each must recompute to its digest here. The key comes from either key file.
    private func chainKey(keyID: String?) throws -> ChainKey {
        for file in [sourceKeyFile, destinationKeyFile].compactMap({ $0 }) {
            if let key = try KeyFile.readIfPermitted(file), keyID == nil || LedgerKey.id(of: key) == keyID {
                return ChainKey(deriving: key)
            }
        }
        throw LedgerCopyError.keyNeeded(source: sourceName, destination: destinationName)
    }

    /// The key id both ledgers share, to record in the destination; refuses two different keys.
    private func checkKeys() async throws -> String? {
        var sourceID = (try await source.settings())[LedgerKey.setting]
        if sourceID == nil, let file = sourceKeyFile, let key = try KeyFile.readIfPermitted(file) {
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
        var events: [Event] = []
        for event in sourceEvents.reversed() {
            if let count = present[event.draft], count > 0 {
                present[event.draft] = count - 1
            } else {
                events.append(event)
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
        return .copiedRevision(draft, number: number, chainDigest: revision.chainDigest, position: revision.position)
    }
}
