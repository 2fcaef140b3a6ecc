import Foundation
import Ledger
import Plot

/// The change log: one row per revision recorded in the period, with what an auditor samples:
/// who asked, why, the ticket, who approved, how it was tested, where it went, and whether it
/// was an emergency.
struct ChangeLogTable {
    var release: ReleaseReport
    var zone: ReportZone

    static let columns = ["Rev", "Time", "Requested by", "Reason", "Ticket", "Approved by", "Tested", "Deployed", "Emergency", "Diff"]

    var node: Node<HTML.BodyContext> {
        guard !release.changes.isEmpty else { return .p(.css("note"), .plain("No change was recorded in the period.")) }
        return .table(
            .css("changelog"),
            .thead(.tr(.group(Self.columns.map { .th(.plain($0)) }))),
            .tbody(.group(release.changes.reversed().map(row)))
        )
    }

    private func row(_ entry: ChangeEntry) -> Node<HTML.TableContext> {
        let metadata = entry.revision.metadata
        let change = metadata.change
        let selfApproved = entry.selfApprovers
        return .tr(
            .if(entry.emergency != nil, .css("emergency")),
            .td(.css("nowrap"), .plain(String(entry.revision.number))),
            .td(.css("time"), .plain(zone.format(metadata.createdAt))),
            .td(.plain(metadata.author)),
            .td(.plain(Self.reason(entry))),
            .td(.css("nowrap"), change.ticket.map { .plain($0) } ?? .span(.css("muted"), .plain("none"))),
            .td(change.approvers.isEmpty ? .span(.css("muted"), .plain("none")) : .group(
                .plain(change.approvers.joined(separator: ", ")),
                .if(!selfApproved.isEmpty, .span(.css("flag"), .plain(" self-approved"))))),
            .td(tested(entry)),
            .td(deployed(entry)),
            .td(entry.emergency.map { .span(.css("flag"), .plain($0)) } ?? .plain("")),
            .td(entry.diff == nil ? .span(.css("muted"), .plain("left out")) : .a(.safeAttribute("href", "#" + entry.anchor), .plain("diff")))
        )
    }

    /// The message's first line, or what the revision is when it has none (`rollback to 3`,
    /// `imported from git abc1234`).
    static func reason(_ entry: ChangeEntry) -> String {
        let metadata = entry.revision.metadata
        if let message = metadata.message?.split(separator: "\n", omittingEmptySubsequences: true).first { return String(message) }
        if let from = metadata.restoredFrom { return "rollback to revision \(from)" }
        if let origin = metadata.origin.flatMap(RevisionOrigin.init) { return "imported from \(origin)" }
        return ""
    }

    private func tested(_ entry: ChangeEntry) -> Node<HTML.BodyContext> {
        var parts: [Node<HTML.BodyContext>] = []
        if let lint = entry.lint {
            parts.append(lint.isEmpty ? .div(.css("ok"), .plain("lint clean"))
                : .div(.css("warn"), .safeAttribute("title", lint.map { "\($0.rule) at \($0.path)" }.joined(separator: "\n")),
                       .plain("lint: \(lint.count) finding\(lint.count == 1 ? "" : "s") (\(Set(lint.map(\.rule)).sorted().joined(separator: ", ")))")))
        }
        for run in entry.dryRuns {
            let cluster = run.event.draft.cluster?.context ?? "?"
            parts.append(.div(.css(run.outcome == "succeeded" ? "ok" : "bad"), .plain("server dry run on \(cluster): \(run.outcome)")))
        }
        return parts.isEmpty ? .span(.css("muted"), .plain("not recorded")) : .group(parts)
    }

    private func deployed(_ entry: ChangeEntry) -> Node<HTML.BodyContext> {
        guard !entry.deployments.isEmpty else { return .span(.css("muted"), .plain("not deployed")) }
        return .group(entry.deployments.map { deployment in
            let draft = deployment.event.draft
            let record = draft.change.text(author: draft.author)
            return .div(.css(deployment.isProblem ? "bad" : "ok"),
                        .plain("\(draft.cluster?.context ?? "?") \(zone.format(draft.createdAt)): \(deployment.outcome)"
                               + (draft.kind == .rollback ? " (rollback)" : "") + (record.isEmpty ? "" : " — \(record)")))
        })
    }
}
