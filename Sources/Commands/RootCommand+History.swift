import ArgumentParser
import Foundation
import Ledger
import ObjectModel

/// `table` or `json`.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension RootCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List the revisions of a release, or of every release, newest first.",
            discussion: """
                Columns: REVISION, CREATED (UTC), ACTION (render, apply, rollback (from N), import), AUTHOR, IMAGE, \
                STRATEGY, MESSAGE, CHANGES and, once any listed revision went to a cluster, CLUSTER: the newest apply \
                or rollback of that revision and where it went, 'applied to CONTEXT (SERVER)', 'failed on …', \
                'timed-out on …', 'cancelled on …', 'in-progress on …' (started, no outcome yet, its lock not yet \
                expired) or 'interrupted on …' (started, no outcome, lock expired: the process was killed or lost the \
                ledger; never counted as applied). Imported revisions show \
                their origin in ACTION: import (git abc1234), import (cluster NAME-HASH). -o json prints an array of \
                objects with revision, createdAt (RFC 3339; when the ledger recorded it), sourceTime (an import's commit or ControllerRevision time, else null), action, author, message, images, strategy {type, \
                maxUnavailable, maxSurge, minReadySeconds}, contentDigest, chainDigest, restoredFrom, sourceFile, \
                toolVersion, changes, origin (git:<commit> or cluster:<controllerrevision>, null unless imported), \
                partial, ticket, approvedBy (array), emergency (the reason, or null), selfApproved (an approver is the \
                author), and cluster {outcome, kind, context, server, at, ticket, approvedBy, emergency, selfApproved} \
                (null when never applied; outcome is succeeded, failed, timed-out, cancelled, in-progress or \
                interrupted; the change record there is the apply's own, set when it applied a revision recorded \
                before). The CHANGE RECORD column (ticket; approved by …; self-approved; emergency: REASON) appears \
                once a listed revision or its apply has one.

                --all lists every release's revisions newest first by recording time, with a RELEASE column (and \
                release {namespace, name} in JSON). --since and --until bound the recording time (--since inclusive, \
                --until exclusive); TIME is YYYY-MM-DD (midnight UTC) or RFC 3339 (2026-12-03T10:00:00Z, \
                2026-12-03T11:00:00+01:00), in UTC unless an offset is given. --author keeps revisions whose author \
                contains the text (ASCII letters in either case); --image those with a container image containing it.

                Exit codes: 0 listed (also when no revision matched); 2 no such release, ledger error or usage error.

                Examples:
                  dsledger history fluent-bit
                  dsledger history fluent-bit -n logging -o json --limit 5
                  dsledger history --all --since 2026-12-01 --until 2026-12-04 --author alice
                  dsledger history --all --image fluent-bit:3.1
                """)

        @Argument(help: "The release (the manifest's metadata.name); leave out with --all.")
        var name: String?

        @Option(name: .shortAndLong, help: "The release's namespace (needed when several have the name).")
        var namespace: String?

        @Option(name: .shortAndLong, help: "Output format: table or json.")
        var output: ListFormat = .table

        @Option(help: "At most this many revisions.")
        var limit: Int = 20

        @OptionGroup var search: HistorySearch

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
            try search.validate(name: name, namespace: namespace)
        }

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openForReading(in: context)
            var query = try search.query()
            if let name {
                query.release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: ledger)
            }
            let page = try await HistoryPage.read(query, limit: limit, from: ledger)
            if let release = query.release, page.revisions.isEmpty, !search.filters { throw CommandError.noRelease(release) }
            let revisions = page.revisions
            let now = context.now()
            switch output {
            case .json:
                context.writeOutput(CanonicalJSON.pretty(.array(revisions.map { page.json($0, at: now, naming: search.all) })))
            case .table:
                // The CLUSTER column appears once any listed revision went to a cluster.
                let clustered = !page.deployments.isEmpty
                // The CHANGE RECORD column appears once any listed revision (or its apply) has a ticket, approver or emergency.
                let records = revisions.map { Self.changeRecord($0, deployment: page.deployment(of: $0)) }
                let recorded = records.contains { !$0.isEmpty }
                let header = (search.all ? ["RELEASE"] : []) + ["REVISION", "CREATED (UTC)", "ACTION", "AUTHOR", "IMAGE", "STRATEGY", "MESSAGE", "CHANGES"]
                    + (clustered ? ["CLUSTER"] : []) + (recorded ? ["CHANGE RECORD"] : [])
                let rows = zip(revisions, records).map { revision, record in
                    (search.all ? [revision.release.description] : []) + Self.row(revision, changes: page.changes(of: revision))
                        + (clustered ? [page.deployment(of: revision).map { Self.cluster($0, at: now) } ?? ""] : [])
                        + (recorded ? [record] : [])
                }
                context.writeOutput(TextTable.render(header: header, rows: rows))
            }
        }

        /// `applied to prod (https://10.0.0.1:6443)`, `failed on prod (…)`, `interrupted on prod (…)`.
        static func cluster(_ event: Event, at now: Date) -> String {
            let where_ = event.draft.cluster?.description ?? "?"
            let outcome = event.shownOutcome(at: now)
            return outcome == EventOutcome.succeeded.rawValue ? "applied to \(where_)" : "\(outcome) on \(where_)"
        }

        /// The CHANGE RECORD cell: the revision's record, else (an apply of a revision recorded
        /// before) its latest apply's, marked `apply: `.
        static func changeRecord(_ revision: Revision, deployment: Event?) -> String {
            let own = revision.metadata.change.text(author: revision.metadata.author)
            guard own.isEmpty, let event = deployment?.draft, !event.change.isEmpty else { return own }
            return "apply: " + event.change.text(author: event.author)
        }

        /// `2026-11-29 04:16:27`.
        static func created(_ revision: Revision) -> String {
            TableTime.format(revision.metadata.createdAt)
        }

        static func row(_ revision: Revision, changes: String) -> [String] {
            let strategyText = revision.metadata.partial && revision.summary.strategyType == nil ? "unknown" : Self.strategy(revision.summary)
            let message = revision.metadata.message?.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
            return [String(revision.number), created(revision), ImportedRevision.action(revision), revision.metadata.author,
                    revision.summary.images.joined(separator: ", "), strategyText, message ?? "", changes]
        }

        /// `RollingUpdate 10%`, `RollingUpdate 1, surge 0`, `OnDelete`, or `default` when none was set.
        static func strategy(_ summary: RevisionSummary) -> String {
            guard let type = summary.strategyType else { return "default" }
            var parts = [type]
            if let unavailable = summary.maxUnavailable { parts.append(unavailable) }
            var text = parts.joined(separator: " ")
            if let surge = summary.maxSurge { text += ", surge \(surge)" }
            return text
        }
    }
}
