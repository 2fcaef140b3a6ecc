import Foundation
import History
import Ledger
import ObjectModel
import PostgresNIO

/// One value to bind.
typealias Bindable = (any PostgresThrowingDynamicTypeEncodable & Sendable)?

/// The columns of `revision` and `event` and how rows become ledger values and back.
enum PostgresRows {
    static let revisionColumns = """
        number, action, spec_digest, strategy_type, max_unavailable, max_surge, min_ready_seconds, images, author, message, \
        source_file, tool_version, created_at, restored_from, content_digest, chain_digest, origin, partial, source_time, position, \
        ticket, approved_by, emergency, lint
        """
    static let revisionInsertColumns = "release_id, " + revisionColumns

    static let eventColumns = """
        id, revision_number, kind, outcome, author, created_at, detail, context, server, origin, position, chain_digest, \
        ticket, approved_by, emergency
        """
    static let eventInsertColumns = """
        release_id, revision_number, kind, outcome, author, created_at, detail, context, server, origin, position, chain_digest, \
        ticket, approved_by, emergency
        """

    static func revisionValues(_ planned: NewRevision, releaseID: Int64) -> [Bindable] {
        let revision = planned.revision
        let metadata = revision.metadata
        let summary = revision.summary
        return [
            releaseID, Int32(revision.number), metadata.action.rawValue, planned.specDigest, summary.strategyType,
            summary.maxUnavailable, summary.maxSurge, summary.minReadySeconds,
            CanonicalJSON.compact(.array(summary.images.map { .string($0) })), metadata.author, metadata.message,
            metadata.sourceFile, metadata.toolVersion, metadata.createdAt, metadata.restoredFrom.map(Int32.init),
            DigestColumn.bytes(revision.contentDigest), DigestColumn.bytes(revision.chainDigest), metadata.origin, metadata.partial,
            metadata.sourceTime, revision.position.map(Int32.init),
            metadata.change.ticket, ChangeColumns.approvers(metadata.change), metadata.change.emergency,
            LintColumn.text(metadata.lint),
        ]
    }

    static func eventValues(_ planned: NewEvent, releaseID: Int64) -> [Bindable] {
        let event = planned.event
        return [
            releaseID, event.revision.map(Int32.init), event.kind.rawValue, event.outcome.rawValue, event.author, event.createdAt,
            event.detail.map(CanonicalJSON.compact), event.cluster?.context, event.cluster?.server, event.origin,
            planned.position.map(Int32.init), planned.chainDigest.flatMap(DigestColumn.bytes),
            event.change.ticket, ChangeColumns.approvers(event.change), event.change.emergency,
        ]
    }

    /// A revision from a row of ``revisionColumns``.
    static func revision(_ row: PostgresRow, release: ReleaseID) throws -> Revision {
        let cells = row.makeRandomAccess()
        let images = (try? JSONValue(parsingJSON: try cells["images"].decode(String.self)))?.arrayValue?.compactMap(\.stringValue) ?? []
        let action = RevisionAction(rawValue: try cells["action"].decode(String.self)) ?? .render
        let metadata = RevisionMetadata(
            action: action, author: try cells["author"].decode(String.self), message: try cells["message"].decode(String?.self),
            sourceFile: try cells["source_file"].decode(String?.self), toolVersion: try cells["tool_version"].decode(String.self),
            createdAt: try cells["created_at"].decode(Date.self), restoredFrom: try cells["restored_from"].decode(Int32?.self).map(Int.init),
            origin: try cells["origin"].decode(String?.self), partial: try cells["partial"].decode(Bool.self),
            sourceTime: try cells["source_time"].decode(Date?.self), change: try change(cells),
            lint: LintColumn.lint(try cells["lint"].decode(String?.self)))
        let summary = RevisionSummary(
            strategyType: try cells["strategy_type"].decode(String?.self), maxUnavailable: try cells["max_unavailable"].decode(String?.self),
            maxSurge: try cells["max_surge"].decode(String?.self), minReadySeconds: try cells["min_ready_seconds"].decode(Int64?.self),
            images: images)
        return Revision(release: release, number: Int(try cells["number"].decode(Int32.self)), metadata: metadata, summary: summary,
                        contentDigest: DigestColumn.text(try cells["content_digest"].decode(Data.self)),
                        chainDigest: DigestColumn.text(try cells["chain_digest"].decode(Data.self)),
                        position: try cells["position"].decode(Int32?.self).map(Int.init))
    }

    /// The change record of a row of either table (empty for rows written before schema 3).
    private static func change(_ cells: PostgresRandomAccessRow) throws -> ChangeRecord {
        ChangeColumns.record(ticket: try cells["ticket"].decode(String?.self), approvedBy: try cells["approved_by"].decode(String?.self),
                             emergency: try cells["emergency"].decode(String?.self))
    }

    /// An event from a row of ``eventColumns``.
    static func event(_ row: PostgresRow, release: ReleaseID) throws -> Event {
        let cells = row.makeRandomAccess()
        let context = try cells["context"].decode(String?.self)
        let server = try cells["server"].decode(String?.self)
        let detail = try cells["detail"].decode(String?.self)
        let draft = EventDraft(release: release, kind: EventKind(rawValue: try cells["kind"].decode(String.self)),
                               outcome: EventOutcome(rawValue: try cells["outcome"].decode(String.self)),
                               revision: try cells["revision_number"].decode(Int32?.self).map(Int.init),
                               author: try cells["author"].decode(String.self), createdAt: try cells["created_at"].decode(Date.self),
                               cluster: context.map { ClusterTarget(context: $0, server: server ?? "") },
                               detail: detail.flatMap { try? JSONValue(parsingJSON: $0) }, origin: try cells["origin"].decode(String?.self),
                               change: try change(cells))
        return Event(id: try cells["id"].decode(Int64.self), draft: draft,
                     position: try cells["position"].decode(Int32?.self).map(Int.init),
                     chainDigest: try cells["chain_digest"].decode(Data?.self).map(DigestColumn.text))
    }
}
