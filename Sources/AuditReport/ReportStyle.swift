/// The report's one stylesheet, inline: for the screen and for print (A4, a page per release,
/// rows and diffs kept whole). System fonts only: nothing is fetched.
enum ReportStyle {
    static let css = """
        :root { --ink: #1d2733; --muted: #66707c; --line: #d8dde3; --band: #f4f6f8; --accent: #1f4e79;
                --ok: #2e7d32; --bad: #b3261e; --warn: #a15c00; --roll: #6a1b9a; --drift: #c77700; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1180px; padding: 32px 40px 48px; color: var(--ink); background: #fff;
               font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 26px; margin: 0 0 4px; color: var(--accent); letter-spacing: -0.01em; }
        h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); color: var(--accent); }
        h3 { font-size: 15px; margin: 22px 0 8px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
        .cover { border-bottom: 1px solid var(--line); padding-bottom: 16px; margin-bottom: 20px; }
        .subtitle { margin: 0 0 14px; color: var(--muted); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0 0 8px; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        dl.facts ul { margin: 0; padding-left: 18px; }
        table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; font-size: 12.5px; }
        th { text-align: left; font-weight: 600; background: var(--band); border-bottom: 1px solid var(--line); padding: 6px 7px; }
        td { border-bottom: 1px solid var(--line); padding: 5px 7px; vertical-align: top; overflow-wrap: anywhere; }
        td.nowrap { white-space: nowrap; }
        td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr.emergency td { background: #fff4e5; }
        .ok { color: var(--ok); } .bad { color: var(--bad); font-weight: 600; } .warn { color: var(--warn); }
        .muted { color: var(--muted); } .note { color: var(--muted); font-style: italic; }
        .flag { color: var(--bad); font-weight: 600; }
        nav.contents { margin-bottom: 28px; }
        section.release { margin-top: 36px; }
        figure.timeline { margin: 0 0 8px; border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px 4px; }
        figure.timeline > svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 11.5px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 14px; padding-top: 4px; }
        figcaption .key svg { vertical-align: -2px; }
        .lane { fill: #fff; } .lane.even { fill: var(--band); }
        .track { stroke: var(--line); stroke-width: 1; }
        .axis { stroke: var(--muted); stroke-width: 1; }
        .lane-label { font-size: 11.5px; fill: var(--ink); }
        .tick { font-size: 10.5px; fill: var(--muted); }
        .mark.revision { fill: var(--accent); }
        .mark.applied { fill: var(--ok); }
        .mark.rollback { fill: var(--roll); }
        .mark.failed { stroke: var(--bad); stroke-width: 2.5; fill: none; }
        .mark.interrupted { fill: #fff; stroke: var(--warn); stroke-width: 2; }
        .mark.drift { fill: var(--drift); stroke: #7a4a00; stroke-width: 1; }
        .mark.clean { fill: #9aa4ae; }
        .mark.dryRun { fill: #fff; stroke: var(--muted); stroke-width: 1.5; }
        details.diff { border: 1px solid var(--line); border-radius: 4px; margin: 6px 0; }
        details.diff > summary { cursor: pointer; padding: 6px 10px; background: var(--band); font-weight: 600; }
        pre { margin: 0; padding: 8px 10px; font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
              white-space: pre-wrap; overflow-wrap: anywhere; }
        pre .object { font-weight: 700; } pre .add { color: var(--ok); } pre .del { color: var(--bad); }
        pre .mod { color: var(--warn); } pre .secret { color: var(--roll); }
        .drift { border-left: 3px solid var(--drift); padding: 2px 0 2px 12px; margin: 8px 0 14px; }
        code { font: 12px ui-monospace, Menlo, Consolas, monospace; }
        footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
        a { color: var(--accent); }
        @media print {
          @page { size: A4 landscape; margin: 14mm; }
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          section.release { break-before: page; margin-top: 0; }
          tr, details.diff, figure.timeline, .drift { break-inside: avoid; }
          thead { display: table-header-group; }
          details.diff > summary { list-style: none; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
