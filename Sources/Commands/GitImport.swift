import Foundation
import History
import Ledger
import ObjectModel

/// `import git`: every committed version of a manifest, oldest first, as revisions of its
/// release; invalid versions as skipped events.
struct GitImport {
    let versions: [GitVersion]
    let decoded: [String: DecodedVersion]

    /// How the import went, for the summary line.
    struct Tally {
        var recorded: [ReleaseID: ClosedRange<Int>] = [:]
        var unchanged = 0
        var skipped: [(version: GitVersion, error: String)] = []
        var alreadyImported = 0
    }

    /// The entries to write, in commit order, leaving out versions a release has already seen.
    ///
    /// A skipped version belongs to the release of the nearest valid version before it (after
    /// it, when it comes first).
    /// - Throws: ``CommandFailure`` when no version at all is a valid manifest.
    func entries(seen: (ReleaseID) throws -> Set<String>, tally: inout Tally) throws -> [LedgerEntry] {
        let releases = try owningReleases()
        var known: [ReleaseID: Set<String>] = [:]
        func isKnown(_ release: ReleaseID, _ origin: String) throws -> Bool {
            if known[release] == nil { known[release] = try seen(release) }
            return known[release]?.contains(origin) == true
        }
        var entries: [LedgerEntry] = []
        for (index, version) in versions.enumerated() {
            let origin = RevisionOrigin.git(commit: version.commit).stored
            switch decoded[version.blob] {
            case .drafts(let drafts)?:
                for var draft in drafts {
                    if try isKnown(draft.release, origin) { tally.alreadyImported += 1; continue }
                    draft.metadata = metadata(version, origin: origin)
                    entries.append(.revision(draft))
                }
            case .invalid(let error)?:
                let release = releases[index]
                if try isKnown(release, origin) { tally.alreadyImported += 1; continue }
                tally.skipped.append((version, error))
                entries.append(.event(skippedEvent(version, release: release, origin: origin, error: error)))
            case nil:
                continue
            }
        }
        return entries
    }

    private func metadata(_ version: GitVersion, origin: String) -> RevisionMetadata {
        RevisionMetadata(action: .import, author: version.author, message: version.message.isEmpty ? nil : version.message,
                         sourceFile: version.path, toolVersion: ToolVersion.current, createdAt: version.time, origin: origin)
    }

    private func skippedEvent(_ version: GitVersion, release: ReleaseID, origin: String, error: String) -> EventDraft {
        EventDraft(release: release, kind: .import, outcome: .skipped, revision: nil, author: version.author,
                   createdAt: version.time, cluster: nil,
                   detail: ["commit": .string(version.commit), "path": .string(version.path), "error": .string(error)],
                   origin: origin)
    }

    /// For each version, the release it counts under: its own first manifest's, or for an
    /// invalid one the nearest valid version's.
    private func owningReleases() throws -> [ReleaseID] {
        let own: [ReleaseID?] = versions.map { version in
            if case .drafts(let drafts)? = decoded[version.blob] { return drafts.first?.release }
            return nil
        }
        guard let first = own.compactMap({ $0 }).first else {
            let file = versions.last?.path ?? "the file"
            throw CommandFailure(description: "dsledger: error: no committed version of \(file) is a valid manifest; nothing imported")
        }
        var current = first
        return own.map { release in
            if let release { current = release }
            return current
        }
    }

    /// Writes `entries` in transactions of `batch`, and counts what happened.
    static func record(_ entries: [LedgerEntry], store: SQLiteRevisionStore, batch: Int, tally: inout Tally) throws {
        for start in stride(from: 0, to: entries.count, by: batch) {
            let slice = Array(entries[start..<min(entries.count, start + batch)])
            let outcomes: [RecordOutcome?]
            do {
                outcomes = try store.record(entries: slice)
            } catch {
                throw CommandFailure(description: "\(error)")
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
    }
}
