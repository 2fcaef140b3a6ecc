import Foundation
import Ledger
import ObjectModel

/// `import git`: every committed version of a manifest, oldest first, as revisions of its
/// release; invalid versions as skipped events. Versions come in chunks, in commit order, so
/// that one chunk is recorded while the next is decoded.
package struct GitImport {
    /// The origins each release has already seen (`git:<commit>`), read once per release.
    let seen: (ReleaseID) async throws -> Set<String>
    private var known: [ReleaseID: Set<String>] = [:]
    /// The release of the latest valid version so far.
    private var current: ReleaseID?
    /// Invalid versions before the first valid one: they wait for it to learn their release.
    private var waiting: [GitVersion] = []
    private var waitingErrors: [String] = []

    /// When the ledger records the versions (each keeps its commit's author time as its source time).
    let recordedAt: Date
    /// The version of dsledger recorded with every revision.
    let toolVersion: String

    /// - Parameters:
    ///   - recordedAt: when the ledger records the versions.
    ///   - toolVersion: the version of dsledger recorded with every revision.
    ///   - seen: the origins a release has already seen (`git:<commit>`).
    package init(recordedAt: Date, toolVersion: String, seen: @escaping (ReleaseID) async throws -> Set<String>) {
        self.recordedAt = recordedAt
        self.toolVersion = toolVersion
        self.seen = seen
    }

    /// How the import went, for the summary line.
    package struct Tally: Sendable {
        /// The revision numbers recorded, by release.
        package var recorded: [ReleaseID: ClosedRange<Int>] = [:]
        /// Versions equal to their release's latest revision (an event only).
        package var unchanged = 0
        /// Invalid versions, recorded as skipped events, with their error.
        package var skipped: [(version: GitVersion, error: String)] = []
        /// Versions whose commit the release had already imported.
        package var alreadyImported = 0

        /// An empty tally.
        package init() {}

        /// Adds what one recording wrote.
        package mutating func add(_ written: Tally) {
            for (release, range) in written.recorded {
                let known = recorded[release]
                recorded[release] = min(known?.lowerBound ?? range.lowerBound, range.lowerBound)...max(known?.upperBound ?? 0, range.upperBound)
            }
            unchanged += written.unchanged
        }
    }

    /// The entries to write for the next `versions` (in commit order), leaving out versions a
    /// release has already seen. A skipped version belongs to the release of the nearest valid
    /// version before it (after it, when it comes first).
    package mutating func entries(for versions: ArraySlice<GitVersion>, decoded: [String: DecodedVersion],
                          tally: inout Tally) async throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        for version in versions {
            switch decoded[version.blob] {
            case .drafts(let drafts)?:
                guard let release = drafts.first?.release else { continue }
                current = release
                for (earlier, error) in zip(waiting, waitingErrors) {
                    try await skip(earlier, error: error, release: release, into: &entries, tally: &tally)
                }
                waiting = []
                waitingErrors = []
                let origin = RevisionOrigin.git(commit: version.commit).stored
                for var draft in drafts {
                    if try await isKnown(draft.release, origin) { tally.alreadyImported += 1; continue }
                    draft.metadata = metadata(version, origin: origin)
                    entries.append(.revision(draft))
                }
            case .invalid(let error)?:
                if let current {
                    try await skip(version, error: error, release: current, into: &entries, tally: &tally)
                } else {
                    waiting.append(version)
                    waitingErrors.append(error)
                }
            case nil:
                continue
            }
        }
        return entries
    }

    /// - Throws: ``ImportError/noValidVersion`` when no version at all was a valid manifest
    ///   (then nothing was handed out to record).
    package func finish(file: String) throws(ImportError) {
        guard current == nil else { return }
        throw .noValidVersion(file: file)
    }

    private mutating func isKnown(_ release: ReleaseID, _ origin: String) async throws -> Bool {
        if known[release] == nil { known[release] = try await seen(release) }
        return known[release]?.contains(origin) == true
    }

    private mutating func skip(_ version: GitVersion, error: String, release: ReleaseID, into entries: inout [LedgerEntry],
                               tally: inout Tally) async throws {
        let origin = RevisionOrigin.git(commit: version.commit).stored
        if try await isKnown(release, origin) { tally.alreadyImported += 1; return }
        tally.skipped.append((version, error))
        entries.append(.event(skippedEvent(version, release: release, origin: origin, error: error)))
    }

    private func metadata(_ version: GitVersion, origin: String) -> RevisionMetadata {
        RevisionMetadata(action: .import, author: version.author, message: version.message.isEmpty ? nil : version.message,
                         sourceFile: version.path, toolVersion: toolVersion, createdAt: recordedAt, origin: origin,
                         sourceTime: version.time)
    }

    private func skippedEvent(_ version: GitVersion, release: ReleaseID, origin: String, error: String) -> EventDraft {
        EventDraft(release: release, kind: .import, outcome: .skipped, revision: nil, author: version.author,
                   createdAt: recordedAt, cluster: nil,
                   detail: ["commit": .string(version.commit), "path": .string(version.path), "error": .string(error)],
                   origin: origin)
    }

    /// The ranges of `count` versions taken a chunk at a time: the first and the last chunks are
    /// a quarter of `size`, so that decoding starts early and the last chunk's recording, which
    /// nothing overlaps, is short.
    package static func chunks(_ count: Int, size: Int) -> [Range<Int>] {
        let edge = max(1, size / 4)
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            let left = count - start
            let length = start == 0 || left <= edge ? edge : (left <= size + edge ? left - edge : size)
            ranges.append(start..<min(count, start + length))
            start += length
        }
        return ranges
    }

    /// Writes `entries` in transactions of `batch`, as links keyed with `chainKey`, and counts what was recorded.
    /// - Throws: ``ImportError/recording(_:)`` with the store's error.
    package static func record(_ entries: [LedgerEntry], store: any RevisionStore, batch: Int,
                               chainKey: ChainKey) async throws(ImportError) -> Tally {
        var tally = Tally()
        for start in stride(from: 0, to: entries.count, by: batch) {
            let slice = Array(entries[start..<min(entries.count, start + batch)])
            let outcomes: [RecordOutcome?]
            do {
                outcomes = try await store.record(entries: slice, chainKey: chainKey)
            } catch {
                throw .recording(error)
            }
            for outcome in outcomes {
                switch outcome {
                case .recorded(let revision)?:
                    let range = tally.recorded[revision.release]
                    tally.recorded[revision.release] = (range?.lowerBound ?? revision.number)...revision.number
                case .unchanged?: tally.unchanged += 1
                case nil: break
                }
            }
        }
        return tally
    }
}
