import Foundation
import Ledger
import ObjectModel

/// One page of history as `history` (and the audit report) show it: the revisions a query
/// selects, each with its change summary and its newest cluster event, read a release at a time.
struct HistoryPage {
    /// A revision of a release.
    struct Key: Hashable {
        var release: ReleaseID
        var number: Int
    }

    /// Newest first, as the store gave them.
    var revisions: [Revision]
    /// What each revision changed since the one before it (`initial` for revision 1).
    var changes: [Key: String]
    /// The newest apply or rollback of each revision that went to a cluster.
    var deployments: [Key: Event]

    /// The first page of `query`, at most `limit` revisions.
    static func read(_ query: RevisionQuery, limit: Int, from store: any RevisionStore) async throws -> HistoryPage {
        let revisions = try await store.revisions(matching: query, limit: limit, after: nil)
        var page = HistoryPage(revisions: revisions, changes: [:], deployments: [:])
        var releases: [ReleaseID] = []
        for revision in revisions where !releases.contains(revision.release) { releases.append(revision.release) }
        for release in releases {
            let numbers = revisions.filter { $0.release == release }.map(\.number)
            let reader = RevisionObjects(store: store, release: release)
            // One read for the page when its revisions are close together (an unfiltered page
            // always is); a filtered page may pick revisions far apart, read one by one.
            if let newest = numbers.max(), let oldest = numbers.min(), newest - oldest < 4 * numbers.count {
                try await reader.readAhead(max(1, oldest - 1)...newest)
            }
            for number in numbers { page.changes[Key(release: release, number: number)] = try await reader.summary(number) }
            for (number, event) in try await store.deployments(of: release, revisions: numbers) {
                page.deployments[Key(release: release, number: number)] = event
            }
        }
        return page
    }

    /// A revision of the page as `history -o json` prints it: the revision's members
    /// (``HistoryProjection``), its `cluster` (null when it never went to one) and, when
    /// `naming`, its `release`.
    func json(_ revision: Revision, at now: Date, naming: Bool) -> JSONValue {
        var item = HistoryProjection.json(revision, changes: changes(of: revision))
        item["cluster"] = deployment(of: revision).map { HistoryProjection.json($0, at: now) } ?? .null
        if naming { item["release"] = HistorySearch.json(revision.release) }
        return item
    }

    func changes(of revision: Revision) -> String { changes[Key(release: revision.release, number: revision.number)] ?? "" }

    func deployment(of revision: Revision) -> Event? { deployments[Key(release: revision.release, number: revision.number)] }
}
