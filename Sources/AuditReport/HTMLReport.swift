import Foundation
import Ledger
import Plot

/// `report -o html`, the default: one self-contained HTML file (inline CSS, inline SVG, no
/// script, no font or anything else fetched), made with Plot. Every untrusted text goes through
/// ``HTMLEscaping``.
public enum HTMLReport {
    public static func render(_ model: ReportModel) -> String {
        let title = "Change audit report — " + (model.releases.count == 1 ? model.releases[0].release.description : "\(model.releases.count) releases")
        let document = HTML(
            .head(
                .encoding(.utf8),
                .element(named: "title", nodes: [Node<HTML.HeadContext>.plain(title)]),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.name("generator"), .content("dsledger \(model.toolVersion)")),
                .style(ReportStyle.css)
            ),
            .body(
                .header(
                    .css("cover"),
                    .h1(.plain("Change audit report")),
                    .p(.css("subtitle"), .plain(subtitle(model))),
                    facts(model)
                ),
                contents(model),
                // Each release's section is built and rendered on its own core, then joined.
                .raw(model.releases.parallelMap { ReleaseSection(release: $0, model: model).node.render() }.joined()),
                .footer(
                    .p(.plain("Made by dsledger \(model.toolVersion) from \(model.ledger) at \(model.zone.format(model.generatedAt)). "
                              + "Anyone holding the ledger can check it again with `dsledger verify`; a signed checkpoint "
                              + "(`dsledger checkpoint`) proves later that nothing before it was rewritten."))
                )
            )
        )
        return "<!DOCTYPE html>\n" + document.render(indentedBy: nil).dropDoctype + "\n"
    }

    static func subtitle(_ model: ReportModel) -> String {
        let from = model.period.since.map(model.zone.format) ?? "the first recorded change"
        let to = model.period.until.map(model.zone.format) ?? "the time of this report"
        return "Changes from \(from) until \(to). Times in \(model.zone.name), with their offset."
    }

    private static func facts(_ model: ReportModel) -> Node<HTML.BodyContext> {
        let integrity = model.integrity
        var verdict = integrity.verdict == "intact" ? "Intact: every revision and event is where its chain says." : "Damaged: see each release."
        if !integrity.linksChecked { verdict += " The link digests were not recomputed: no chain key was at hand." }
        if !integrity.objectsChecked { verdict += " (Every link checked; `dsledger verify` also rehashes every stored object.)" }
        var rows: [(String, Node<HTML.BodyContext>)] = [
            ("Ledger", .plain(model.ledger)),
            ("Generated", .plain(model.zone.format(model.generatedAt))),
            ("Releases", .plain(String(model.releases.count))),
            ("Changes in period", .plain(String(model.releases.reduce(0) { $0 + $1.changes.count }))),
            ("Integrity", .span(.css(integrity.verdict == "intact" ? "ok" : "bad"), .plain(verdict))),
        ]
        if let checkpoint = integrity.checkpoint {
            let text = (checkpoint.extends ? "The ledger extends the checkpoint" : "The ledger does NOT extend the checkpoint")
                + " \(checkpoint.file) (" + (checkpoint.signatureChecked ? "signature checked" : "signature not checked") + ")."
            rows.append(("Checkpoint", .span(.css(checkpoint.extends ? "ok" : "bad"), .plain(text),
                                             .group(checkpoint.findings.map { .div(.css("note"), .plain($0)) }))))
        }
        rows += integrity.problems.map { ("Damage", .span(.css("bad"), .plain($0))) }
        return .factList(rows)
    }

    private static func contents(_ model: ReportModel) -> Node<HTML.BodyContext> {
        .nav(
            .css("contents"),
            .h2(.plain("Releases")),
            .table(
                .thead(.tr(.th(.plain("Release")), .th(.plain("Current")), .th(.plain("Applied")), .th(.plain("Changes")),
                           .th(.plain("Last drift check")), .th(.plain("Integrity")))),
                .tbody(.group(model.releases.map { release in
                    let status = model.integrity.releases[release.release]?.status.rawValue ?? "no chain"
                    return .tr(
                        .td(.a(.safeAttribute("href", "#" + ReleaseSection.anchor(release.release)), .plain(release.release.description))),
                        .td(.plain(release.current.map { "revision \($0)" } ?? "—")),
                        .td(.plain(release.applied.map { "\($0.cluster.context): \($0.revision)" }.joined(separator: ", ").ifEmpty("never"))),
                        .td(.plain(String(release.changes.count))),
                        .td(ReleaseSection.driftVerdict(release.lastDriftCheck)),
                        .td(.span(.css(status == "damaged" ? "bad" : "ok"), .plain(status)))
                    )
                }))
            )
        )
    }
}

extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }

    /// Plot writes its own doctype; the report writes `<!DOCTYPE html>` itself, first.
    var dropDoctype: String {
        guard hasPrefix("<!DOCTYPE html>") else { return self }
        return String(dropFirst("<!DOCTYPE html>".count))
    }
}
