import Foundation
import Ledger
import Plot
import StructuralDiff

/// One release in the HTML report: its summary, timeline, change log, diffs and drift found.
struct ReleaseSection {
    var release: ReleaseReport
    var model: ReportModel

    static func anchor(_ release: ReleaseID) -> String { "release-\(release.namespace)-\(release.name)" }

    var zone: ReportZone { model.zone }

    var node: Node<HTML.BodyContext> {
        .section(
            .css("release"),
            .safeAttribute("id", Self.anchor(release.release)),
            .h2(.plain(release.release.description)),
            summary,
            .h3(.plain("Timeline")),
            TimelineSVG(release: release, model: model).node,
            .h3(.plain("Change log")),
            ChangeLogTable(release: release, zone: zone).node,
            diffs,
            drift
        )
    }

    private var summary: Node<HTML.BodyContext> {
        let verdict = model.integrity.releases[release.release]
        let integrity: Node<HTML.BodyContext>
        switch verdict?.status {
        case .intact?:
            integrity = .span(.css("ok"), .plain("intact" + (verdict?.head.map {
                " (\(counted($0.position, "link")): \(counted($0.revisions, "revision")), \(counted($0.events, "event")))"
            } ?? "")))
        case .unkeyed?:
            integrity = .span(.css("warn"), .plain("unkeyed: plain SHA-256 links written before links were keyed"))
        case .damaged?:
            integrity = .span(.css("bad"), .plain("damaged: " + (verdict?.broken?.description ?? "")))
        case nil:
            integrity = .plain("no chain")
        }
        let applied: Node<HTML.BodyContext> = release.applied.isEmpty ? .plain("never applied") : .ul(.group(release.applied.map {
            .li(.plain("revision \($0.revision) on \($0.cluster.context) (\($0.cluster.server)), \($0.kind == .rollback ? "rolled back" : "applied") \(zone.format($0.at))"))
        }))
        return .factList([
            ("Current revision", .plain(release.current.map(String.init) ?? "none")),
            ("Last applied", applied),
            ("Last drift check", Self.driftVerdict(release.lastDriftCheck, zone: zone)),
            ("Integrity", integrity),
        ])
    }

    /// `clean`, `drift found (3 items)`, or `never checked`, with when and where.
    static func driftVerdict(_ check: DriftCheck?, zone: ReportZone? = nil) -> Node<HTML.BodyContext> {
        guard let check else { return .plain("never checked") }
        let when = zone.map { " " + $0.format(check.event.draft.createdAt) } ?? ""
        let on = check.event.draft.cluster.map { " on \($0.context)" } ?? ""
        guard check.drifted else { return .span(.css("ok"), .plain("clean" + on + when)) }
        var text = "drift found" + on + when
        if let resolved = check.resolvedBy { text += "; resolved by \(resolved.draft.kind.rawValue) of revision \(resolved.draft.revision.map(String.init) ?? "?")" }
        return .span(.css("bad"), .plain(text))
    }

    private var diffs: Node<HTML.BodyContext> {
        let shown = release.changes.filter { $0.diff != nil }
        guard !release.changes.isEmpty else { return .empty }
        return .group(
            .h3(.plain("Changes")),
            .if(release.diffsLeftOut > 0, .p(.css("note"), .plain(
                "The diffs of the \(release.diffsLeftOut) oldest changes in the period are left out (--max-diffs); "
                    + "`dsledger diff \(release.release.name) -n \(release.release.namespace) A B` shows any of them."))),
            .group(shown.reversed().map(DiffBlock.init).map(\.node))
        )
    }

    private var drift: Node<HTML.BodyContext> {
        guard !release.driftFound.isEmpty else { return .empty }
        return .group(
            .h3(.plain("Drift found")),
            .group(release.driftFound.map { DriftBlock(check: $0, zone: zone).node })
        )
    }
}

/// One change's diff against the revision before it, folded when long.
struct DiffBlock {
    var entry: ChangeEntry

    /// Diffs up to this many lines are shown open.
    static let openLines = 24

    var node: Node<HTML.BodyContext> {
        let text = DiffFormat.human(entry.diff ?? [], color: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
        let number = entry.revision.number
        let heading = number == 1 ? "Revision 1 (initial)" : "Revision \(number) against revision \(number - 1)"
        return .details(
            .css("diff"),
            .safeAttribute("id", entry.anchor),
            .if(lines.count <= Self.openLines, .attribute(named: "open")),
            .summary(.plain("\(heading) — \(lines.count == 0 ? "no change" : entry.summary)")),
            .pre(.group(lines.map { line in .span(.css(Self.style(of: line)), .plain(String(line) + "\n")) }))
        )
    }

    /// The class of a line of the human diff format, by its marker.
    static func style(of line: Substring) -> String {
        let trimmed = line.drop { $0 == " " }
        if trimmed.count == line.count {
            return line.hasPrefix("+ ") ? "object add" : line.hasPrefix("- ") ? "object del" : "object"
        }
        if trimmed.hasPrefix("secret changed") { return "secret" }
        switch trimmed.first {
        case "+": return "add"
        case "-": return "del"
        default: return "mod"
        }
    }
}

/// A drift check that found drift: its items, who made them, and what resolved it.
struct DriftBlock {
    var check: DriftCheck
    var zone: ReportZone

    var node: Node<HTML.BodyContext> {
        let draft = check.event.draft
        let resolved = check.resolvedBy.map {
            "Resolved by the \($0.draft.kind.rawValue) of revision \($0.draft.revision.map(String.init) ?? "?") at \(zone.format($0.draft.createdAt))."
        } ?? "Not resolved by a later apply or rollback in the ledger."
        return .div(
            .css("drift"),
            .p(.strong(.plain("Checked \(zone.format(draft.createdAt))" + (draft.cluster.map { " on \($0)" } ?? "")
                              + (draft.revision.map { " against revision \($0)" } ?? "") + ". ")),
               .span(.css(check.resolvedBy == nil ? "bad" : "ok"), .plain(resolved))),
            check.findings.isEmpty ? .p(.css("note"), .plain("The check recorded counts only (it was made by an older dsledger).")) : .table(
                .thead(.tr(.th(.plain("Object")), .th(.plain("Field")), .th(.plain("Change")), .th(.plain("Made by")), .th(.plain("When")))),
                .tbody(.group(check.findings.map { finding in
                    .tr(.td(.plain(finding.object.title)),
                        .td(.element(named: "code", nodes: [.plain(finding.path.ifEmpty("(whole object)"))])),
                        .td(.plain(finding.change + (finding.fingerprint.map { " (secret, now \($0))" } ?? ""))),
                        .td(.plain([finding.manager, finding.operation.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ").ifEmpty("unknown"))),
                        .td(.plain(finding.time.flatMap(Timestamp.parse).map(zone.format) ?? finding.time ?? "—")))
                }))
            ),
            .if(check.findingsLeftOut > 0, .p(.css("note"), .plain("\(check.findingsLeftOut) more items were not recorded.")))
        )
    }
}

/// `1 link`, `2 links`.
func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
