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
            abstract: "List the revisions of a release, newest first.",
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

                Exit codes: 0 listed; 2 no such release, ledger error or usage error.

                Examples:
                  dsledger history fluent-bit
                  dsledger history fluent-bit -n logging -o json --limit 5
                """)

        @Argument(help: "The release (the manifest's metadata.name).")
        var name: String

        @Option(name: .shortAndLong, help: "The release's namespace (needed when several have the name).")
        var namespace: String?

        @Option(name: .shortAndLong, help: "Output format: table or json.")
        var output: ListFormat = .table

        @Option(help: "At most this many revisions.")
        var limit: Int = 20

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let context = CommandContext.current
            let ledger = try await store.openForReading(in: context)
            let release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: ledger)
            let revisions = try await ledger.revisions(of: release, limit: limit, before: nil)
            guard !revisions.isEmpty else { throw CommandError.noRelease(release) }
            let reader = RevisionObjects(store: ledger, release: release)
            if let newest = revisions.first?.number, let oldest = revisions.last?.number {
                try await reader.readAhead(max(1, oldest - 1)...newest)
            }
            var summaries: [String] = []
            for revision in revisions { summaries.append(try await reader.summary(revision.number)) }
            let deployments = try await ledger.deployments(of: release, revisions: revisions.map(\.number))
            let now = context.now()
            switch output {
            case .json:
                let items = zip(revisions, summaries).map { revision, changes in
                    var item = Self.json(revision, changes: changes)
                    item["cluster"] = deployments[revision.number].map { Self.json($0, at: now) } ?? .null
                    return item
                }
                context.writeOutput(CanonicalJSON.pretty(.array(items)))
            case .table:
                // The CLUSTER column appears once any listed revision went to a cluster.
                let clustered = !deployments.isEmpty
                // The CHANGE RECORD column appears once any listed revision (or its apply) has a ticket, approver or emergency.
                let records = revisions.map { Self.changeRecord($0, deployment: deployments[$0.number]) }
                let recorded = records.contains { !$0.isEmpty }
                let header = ["REVISION", "CREATED (UTC)", "ACTION", "AUTHOR", "IMAGE", "STRATEGY", "MESSAGE", "CHANGES"]
                    + (clustered ? ["CLUSTER"] : []) + (recorded ? ["CHANGE RECORD"] : [])
                let rows = zip(zip(revisions, summaries), records).map { item, record in
                    let (revision, changes) = item
                    return Self.row(revision, changes: changes) + (clustered ? [deployments[revision.number].map { Self.cluster($0, at: now) } ?? ""] : [])
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

        static func json(_ event: Event, at now: Date) -> JSONValue {
            let item: JSONValue = [
                "outcome": .string(event.shownOutcome(at: now)), "kind": .string(event.draft.kind.rawValue),
                "context": event.draft.cluster.map { .string($0.context) } ?? .null,
                "server": event.draft.cluster.map { .string($0.server) } ?? .null,
                "at": .string(Timestamp.format(event.draft.createdAt)),
            ]
            return item.merging(event.draft.change.jsonFields(author: event.draft.author))
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
            Timestamp.format(revision.metadata.createdAt).prefix(19).replacingOccurrences(of: "T", with: " ")
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

        static func json(_ revision: Revision, changes: String) -> JSONValue {
            let metadata = revision.metadata
            let summary = revision.summary
            func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
            let item: JSONValue = [
                "revision": .int(Int64(revision.number)),
                "createdAt": .string(Timestamp.format(metadata.createdAt)),
                "sourceTime": metadata.sourceTime.map { .string(Timestamp.format($0)) } ?? .null,
                "action": .string(metadata.action.rawValue),
                "author": .string(metadata.author),
                "message": optional(metadata.message),
                "sourceFile": optional(metadata.sourceFile),
                "toolVersion": .string(metadata.toolVersion),
                "images": .array(summary.images.map { .string($0) }),
                "strategy": [
                    "type": optional(summary.strategyType), "maxUnavailable": optional(summary.maxUnavailable),
                    "maxSurge": optional(summary.maxSurge), "minReadySeconds": summary.minReadySeconds.map { .int($0) } ?? .null,
                ],
                "contentDigest": .string(revision.contentDigest),
                "chainDigest": .string(revision.chainDigest),
                "restoredFrom": metadata.restoredFrom.map { .int(Int64($0)) } ?? .null,
                "changes": .string(changes),
                "origin": optional(metadata.origin),
                "partial": .bool(metadata.partial),
            ]
            return item.merging(metadata.change.jsonFields(author: metadata.author))
        }
    }
}
