import Foundation
import Ledger
import ObjectModel
import StructuralDiff

/// `report -o markdown`: the report for pasting into a ticket (GitHub-flavoured Markdown
/// tables). Untrusted text is escaped: `|`, backticks, `<`, `[`/`]` and the other characters
/// Markdown gives a meaning, so a commit message can neither break a table nor make a link.
public enum MarkdownReport {
    public static func render(_ model: ReportModel) -> String {
        var out = "# Change audit report\n\n"
        out += escape(HTMLReport.subtitle(model)) + "\n\n"
        out += "- **Ledger:** \(escape(model.ledger))\n- **Generated:** \(escape(model.zone.format(model.generatedAt)))\n"
        out += "- **Integrity:** \(model.integrity.verdict)" + (model.integrity.linksChecked ? "" : " (link digests not recomputed: no chain key)")
            + (model.integrity.objectsChecked ? "" : " (every link checked; `dsledger verify` also rehashes every stored object)") + "\n"
        if let checkpoint = model.integrity.checkpoint {
            out += "- **Checkpoint \(escape(checkpoint.file)):** " + (checkpoint.extends ? "the ledger extends it" : "the ledger does NOT extend it")
                + (checkpoint.signatureChecked ? " (signature checked)" : " (signature not checked)") + "\n"
        }
        for problem in model.integrity.problems { out += "- **Damage:** \(escape(problem))\n" }
        return out + model.releases.parallelMap { section($0, model: model) }.joined()
    }

    private static func section(_ release: ReleaseReport, model: ReportModel) -> String {
        let zone = model.zone
        var out = "\n## \(escape(release.release.description))\n\n"
        out += "- **Current revision:** \(release.current.map(String.init) ?? "none")\n"
        for applied in release.applied {
            out += "- **Applied to \(escape(applied.cluster.description)):** revision \(applied.revision), \(escape(zone.format(applied.at)))\n"
        }
        if let check = release.lastDriftCheck {
            out += "- **Last drift check:** \(check.drifted ? "drift found" : "clean"), \(escape(zone.format(check.event.draft.createdAt)))\n"
        }
        let verdict = model.integrity.releases[release.release]
        out += "- **Integrity:** \(verdict?.status.rawValue ?? "no chain")" + (verdict?.broken.map { ": " + escape($0.description) } ?? "") + "\n\n"
        guard !release.changes.isEmpty else { return out + "No change was recorded in the period.\n" }
        out += "### Change log\n\n| " + ChangeLogTable.columns.dropLast().joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: ChangeLogTable.columns.count - 1) + "\n"
        for entry in release.changes.reversed() { out += row(entry, zone: zone) }
        let shown = release.changes.filter { $0.diff != nil && !($0.diff ?? []).isEmpty }
        if !shown.isEmpty || release.diffsLeftOut > 0 {
            out += "\n### Changes\n"
            if release.diffsLeftOut > 0 { out += "\nThe diffs of the \(release.diffsLeftOut) oldest changes in the period are left out.\n" }
            for entry in shown.reversed() {
                out += "\n**Revision \(entry.revision.number)** — \(escape(entry.summary))\n\n" + fenced(DiffFormat.human(entry.diff ?? [], color: false))
            }
        }
        if !release.driftFound.isEmpty {
            out += "\n### Drift found\n"
            for check in release.driftFound { out += drift(check, zone: zone) }
        }
        return out
    }

    private static func row(_ entry: ChangeEntry, zone: ReportZone) -> String {
        let metadata = entry.revision.metadata
        let approvers = metadata.change.approvers.joined(separator: ", ") + (entry.selfApprovers.isEmpty ? "" : " (self-approved)")
        var tested: [String] = []
        if let lint = entry.lint { tested.append(lint.isEmpty ? "lint clean" : "lint: \(lint.count) findings") }
        tested += entry.dryRuns.map { "dry run on \($0.event.draft.cluster?.context ?? "?"): \($0.outcome)" }
        let deployed = entry.deployments.map { "\($0.event.draft.cluster?.context ?? "?") \(zone.format($0.event.draft.createdAt)): \($0.outcome)" }
        let cells = [String(entry.revision.number), zone.format(metadata.createdAt), metadata.author, ChangeLogTable.reason(entry),
                     metadata.change.ticket ?? "none", approvers.isEmpty ? "none" : approvers,
                     tested.isEmpty ? "not recorded" : tested.joined(separator: "; "),
                     deployed.isEmpty ? "not deployed" : deployed.joined(separator: "; "), entry.emergency ?? ""]
        return "| " + cells.map(escape).joined(separator: " | ") + " |\n"
    }

    private static func drift(_ check: DriftCheck, zone: ReportZone) -> String {
        let draft = check.event.draft
        var out = "\n- Checked \(escape(zone.format(draft.createdAt)))" + (draft.cluster.map { " on \(escape($0.description))" } ?? "") + ": "
        out += check.resolvedBy.map { "resolved by the \($0.draft.kind.rawValue) of revision \($0.draft.revision.map(String.init) ?? "?")" } ?? "not resolved"
        out += "\n"
        for finding in check.findings {
            out += "  - \(escape(finding.object.title)) `\(finding.path.replacingOccurrences(of: "`", with: "'"))` \(escape(finding.change))"
                + (finding.manager.map { " by \(escape($0))" } ?? "") + (finding.time.map { " at \(escape($0))" } ?? "") + "\n"
        }
        return out
    }

    /// Text for a table cell or a list item: Markdown's inline punctuation (`\\`, backticks, `*`,
    /// `_`, `[`, `]`, `|`, `~`, `>`) escaped, `<` and `&` as references (no HTML, no entity), one
    /// line, control characters shown escaped, and bare URLs broken with a zero-width space after
    /// `:` or `www` so renderers that link them (GitHub's do) make no link.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", ">":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            default:
                if ControlCharacters.isEscaped(scalar) {
                    out += "\\" + ControlCharacters.visible(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out.replacingOccurrences(of: "://", with: ":\u{200B}//").replacingOccurrences(of: "www.", with: "www\u{200B}.")
    }

    /// A fenced code block whose fence is longer than any run of backticks in `text`, so the
    /// text cannot close it; control characters shown escaped.
    static func fenced(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text { run = character == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let clean = ControlCharacters.escaped(text, keeping: ["\n"])
        return fence + "diff\n" + clean + (clean.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }
}
