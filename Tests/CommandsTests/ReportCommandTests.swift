import Foundation
import ObjectModel
import Testing
import TestSupport

/// `dsledger report` without a cluster: which releases, the period, the zone, the cap on diffs,
/// hostile text in every format, and the exit code of a damaged ledger.
@Suite struct ReportCommandTests {
    /// A harness whose ledger holds `count` revisions of node-exporter, one a day from
    /// 2026-11-01 at 09:00 UTC, each with its own image tag and ticket.
    static func ledger(revisions count: Int, message: (Int) -> String = { "change \($0)" },
                       author: String = "Ada <ada@example.com>") async throws -> CLIHarness {
        var cli = CLIHarness()
        cli.environment["DSLEDGER_AUTHOR"] = author
        let example = try String(contentsOfFile: CLIHarness.example("daemonset-node-monitoring-node-exporter"), encoding: .utf8)
        let folder = (cli.database as NSString).deletingLastPathComponent
        for number in 1...count {
            let day = Date(timeIntervalSince1970: 1_793_523_600 + Double(number - 1) * 86400) // 2026-11-01T09:00:00Z
            cli.now = { day }
            let file = folder + "/ne-\(number).yaml"
            let text = example.replacingOccurrences(of: "tag: v1.8.2", with: "tag: v1.\(number).0")
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let result = await cli.run(["render", "-f", file, "--ticket", "OPS-\(number)", "-m", message(number)])
            #expect(result.code == 0, "\(result.stderr)")
        }
        cli.now = { Date(timeIntervalSince1970: 1_796_000_000) }
        return cli
    }

    @Test func releasesAreNamedOrAllAndBadUsageExits2() async throws {
        let cli = try await Self.ledger(revisions: 1)
        var result = await cli.run(["report"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("name one or more releases, or give --all"))
        result = await cli.run(["report", "node-exporter", "--all"])
        #expect(result.code == 2)
        result = await cli.run(["report", "--all", "--timezone", "Mars/Olympus"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("'Mars/Olympus' is not a time zone name"))
        result = await cli.run(["report", "nothing-here"])
        #expect(result.code == 2)
        result = await cli.run(["report", "--all", "-n", "elsewhere", "-o", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try JSONValue(parsingJSON: result.stdout)["releases"]?.arrayValue?.isEmpty == true)
        result = await cli.run(["report", "--all", "-o", "json"])
        #expect(try JSONValue(parsingJSON: result.stdout)["releases"]?.arrayValue?.map { $0["name"] } == ["node-exporter"])
    }

    @Test func thePeriodTheZoneAndTheCapOnDiffsShapeTheReport() async throws {
        let cli = try await Self.ledger(revisions: 5)
        var result = await cli.run(["report", "node-exporter", "-o", "json", "--since", "2026-11-02", "--until", "2026-11-05", "--max-diffs", "2"])
        #expect(result.code == 0, "\(result.stderr)")
        let release = try #require(try JSONValue(parsingJSON: result.stdout)["releases"]?.arrayValue?.first)
        let changes = try #require(release["changes"]?.arrayValue)
        #expect(changes.map { $0["revision"] } == [2, 3, 4])
        #expect(changes.map { $0["diff"] == .null } == [true, false, false])
        #expect(release["diffsLeftOut"] == 1)
        #expect(release["currentRevision"] == 4, "the state at the end of the period")

        result = await cli.run(["report", "node-exporter", "--max-diffs", "2", "--timezone", "Europe/Berlin"])
        #expect(result.stdout.contains("2026-11-05 10:00:00 +01:00"), "times in the zone asked for, with its offset")
        #expect(!result.stdout.contains("+00:00"))
        #expect(result.stdout.contains("The diffs of the 3 oldest changes in the period are left out"))
        result = await cli.run(["report", "node-exporter", "-o", "markdown", "--timezone", "Europe/Berlin"])
        #expect(result.stdout.contains("2026\\-11\\-05") == false && result.stdout.contains("2026-11-05 10:00:00 +01:00"))
        result = await cli.run(["report", "node-exporter", "-o", "json", "--timezone", "Europe/Berlin"])
        #expect(result.stdout.contains("\"2026-11-05T09:00:00.000Z\""), "JSON times stay UTC")
    }

    static let hostileMessage = "<script>alert(1)</script> | [click](http://evil.example) `code` \u{1b}]0;pwned\u{07} &amp; done"
    static let hostileAuthor = "Mallory <img src=x onerror=alert(2)> | x"
    static let hostileTicket = "OPS-1\"><svg onload=alert(3)>"

    @Test func hostileTextIsEscapedInEveryFormat() async throws {
        var cli = try await Self.ledger(revisions: 1, message: { _ in Self.hostileMessage }, author: Self.hostileAuthor)
        let folder = (cli.database as NSString).deletingLastPathComponent
        let example = try String(contentsOfFile: CLIHarness.example("daemonset-node-monitoring-node-exporter"), encoding: .utf8)
        try example.write(toFile: folder + "/again.yaml", atomically: true, encoding: .utf8)
        cli.environment["DSLEDGER_AUTHOR"] = Self.hostileAuthor
        let second = await cli.run(["render", "-f", folder + "/again.yaml", "--ticket", Self.hostileTicket, "-m", Self.hostileMessage])
        #expect(second.code == 0, "\(second.stderr)")

        let page = folder + "/report.html"
        var result = await cli.run(["report", "node-exporter", "--output-file", page])
        #expect(result.code == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        for raw in ["<script>", "<img src", "<svg onload", "\u{1b}", "\u{07}"] { #expect(!html.contains(raw), "HTML holds \(raw)") }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&amp;amp; done"), "an entity in a message is shown as typed")
        #expect(html.contains("\\x1b]0;pwned\\x07"), "control characters are shown escaped")
        #expect(html.contains("OPS-1&quot;&gt;&lt;svg onload=alert(3)&gt;"))
        let parse = try Subprocess.run("python3", ["-c", "import sys, html5lib; html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], 'rb').read())", page])
        #expect(parse.status == 0, "\(parse.stderr)")

        result = await cli.run(["report", "node-exporter", "-o", "markdown"])
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| 1 ") || $0.hasPrefix("| 2 ") }
        #expect(rows.count == 2)
        for row in rows {
            // A row's cells are split by unescaped pipes only: ten of them for nine cells.
            let unescaped = row.indices.filter { row[$0] == "|" && (row.index($0, offsetBy: -1, limitedBy: row.startIndex).map { row[$0] != "\\" } ?? true) }
            #expect(unescaped.count == 10, "\(row)")
        }
        for raw in ["<script>", "<img", "<svg", "[click](http", "\u{1b}", " `code` "] { #expect(!result.stdout.contains(raw), "Markdown holds \(raw)") }
        #expect(result.stdout.contains("\\`code\\`") && result.stdout.contains("\\[click\\]"))

        result = await cli.run(["report", "node-exporter", "-o", "json"])
        let changes = try JSONValue(parsingJSON: result.stdout)["releases"]?.arrayValue?.first?["changes"]?.arrayValue ?? []
        #expect(changes.last?["message"]?.stringValue == Self.hostileMessage, "JSON keeps the text exactly")
        #expect(changes.last?["ticket"]?.stringValue == Self.hostileTicket)
    }

    @Test func aDamagedLedgerIsReportedAndExits1() async throws {
        let cli = try await Self.ledger(revisions: 2)
        let sql = "DROP TRIGGER revision_is_append_only_update; UPDATE revision SET author = 'Someone Else' WHERE number = 1;"
        #expect(try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", cli.database, sql]).status == 0)
        let result = await cli.run(["report", "node-exporter", "-o", "markdown"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("- **Integrity:** damaged"), "\(result.stdout)")
        #expect(result.stdout.contains("damaged: revision 1 (link 1): link digest mismatch"), "\(result.stdout)")
    }
}

/// The report carries the checkpoint's verdict, as `verify --checkpoint` gives it, and exits 1
/// when the ledger no longer extends it (the real binary, as a CI step runs it).
@Suite struct ReportCheckpointTests {
    @Test func theReportSaysWhetherTheLedgerExtendsASignedCheckpoint() throws {
        let setup = try CheckpointCommandTests.checkpointed()
        let arguments = ["report", "--all", "-o", "json", "--checkpoint", setup.file, "--public-key", setup.keys.verify]
        var result = try BuiltBinary.run(arguments, environment: setup.environment)
        #expect(result.code == 0, "\(result.stderr)")
        var checkpoint = try JSONValue(parsingJSON: String(decoding: result.stdout, as: UTF8.self))["integrity"]?["checkpoint"]
        #expect(checkpoint?["verdict"] == "extends")
        #expect(checkpoint?["signatureChecked"] == true)

        try CheckpointCommandTests.tamper(setup.environment, CheckpointCommandTests.deleteRevisions(of: "agent", from: 3))
        result = try BuiltBinary.run(arguments, environment: setup.environment)
        #expect(result.code == 1, "a report of a ledger that no longer extends its checkpoint exits 1: \(result.stderr)")
        checkpoint = try JSONValue(parsingJSON: String(decoding: result.stdout, as: UTF8.self))["integrity"]?["checkpoint"]
        #expect(checkpoint?["verdict"] == "does-not-extend")
        let html = try BuiltBinary.run(Array(arguments.prefix(2)) + ["--checkpoint", setup.file, "--public-key", setup.keys.verify],
                                       environment: setup.environment)
        #expect(String(decoding: html.stdout, as: UTF8.self).contains("The ledger does NOT extend the checkpoint"))
    }
}
