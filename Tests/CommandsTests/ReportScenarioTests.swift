import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// The audit report of the scripted scenario: golden files in every format, a strict HTML5
/// parse, a real browser's rendering, and no secret anywhere.
@Suite(.serialized) struct ReportScenarioTests {
    static let fixtures = CLIHarness.root.appendingPathComponent("Tests/CommandsTests/Fixtures/report")

    /// Compares `text` with the golden file `name`; DSLEDGER_UPDATE_GOLDEN=1 rewrites it instead.
    static func expectGolden(_ text: String, _ name: String) throws {
        let url = fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DSLEDGER_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        if text != golden {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("actual-" + name)
            try? Data(text.utf8).write(to: actual)
            Issue.record("\(name) differs from its golden file; the report is at \(actual.path) (DSLEDGER_UPDATE_GOLDEN=1 rewrites it)")
        }
    }

    @Test func theScenariosReportsMatchTheirGoldenFilesAndHoldNoSecret() async throws {
        try await withAPIServer { running in
            let scenario = try await ReportScenario.play(on: running)
            for (format, file) in [("html", "scenario.html"), ("json", "scenario.json"), ("markdown", "scenario.md")] {
                let result = await scenario.report(format)
                #expect(result.code == 0, "\(result.stderr)")
                try Self.expectGolden(scenario.normalized(result.stdout), file)
                try Self.expectNoSecret(in: result.stdout, format: format)
                for ticket in ReportScenario.tickets { #expect(result.stdout.contains(ticket), "\(format) names \(ticket)") }
            }
            let json = try JSONValue(parsingJSON: await scenario.report("json").stdout)
            let release = try #require(json["releases"]?.arrayValue?.first)
            let changes = try #require(release["changes"]?.arrayValue)
            #expect(changes.map { $0["revision"] } == [1, 2, 3, 4])
            #expect(changes[1]["selfApproved"] == true)
            #expect(changes[2]["emergencyReason"] == "rollback to revision 1")
            #expect(changes[3]["deployments"]?.arrayValue?.map { $0["outcome"] } == ["failed", "interrupted"])
            let events = try #require(release["events"]?.arrayValue)
            #expect(events.contains { $0["outcome"] == "interrupted" })
            #expect(release["driftFound"]?.arrayValue?.first?["resolvedBy"]?["revision"] == 2)
        }
    }

    /// No secret value, nor its base64 (of the value alone), in `text`.
    static func expectNoSecret(in text: String, format: String) throws {
        for value in ReportScenario.secretValues {
            #expect(!text.contains(value), "\(format) shows a secret value")
            #expect(!text.contains(Data(value.utf8).base64EncodedString()), "\(format) shows a secret value in base64")
        }
    }

    @Test func theHTMLIsStrictHTML5AndABrowserRendersEveryTicketAndAuthor() async throws {
        try await withAPIServer { running in
            let scenario = try await ReportScenario.play(on: running)
            let folder = TemporaryFolder.make()
            let page = folder.appendingPathComponent("report.html")
            let result = await scenario.report("html", ["--output-file", page.path])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stderr.contains("wrote \(page.path): 1 release, 4 changes"), "\(result.stderr)")

            let parse = try Subprocess.run("python3", ["-c", """
                import sys, html5lib
                html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], 'rb').read())
                """, page.path])
            #expect(parse.status == 0, "html5lib (strict) refused the report: \(parse.stderr)")

            let shot = folder.appendingPathComponent("report.png")
            let chromium = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                            "--window-size=1280,1800"]
            let screenshot = try Subprocess.run("/usr/bin/timeout", ["120", "chromium"] + chromium + ["--screenshot=\(shot.path)", page.absoluteString])
            #expect(screenshot.status == 0, "\(screenshot.stderr)")
            let look = try Subprocess.run("python3", ["-c", """
                import sys
                from PIL import Image
                image = Image.open(sys.argv[1]).convert('RGB')
                pixels = list(image.getdata())
                inked = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
                print(len(set(pixels)), round(inked, 4))
                """, shot.path])
            let numbers = String(decoding: look.stdout, as: UTF8.self).split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(numbers.count == 2 && numbers[0] > 50 && numbers[1] > 0.01, "the screenshot looks blank: \(look.stdout) \(look.stderr)")
            if ProcessInfo.processInfo.environment["DSLEDGER_UPDATE_SCREENSHOT"] == "1" {
                let docs = CLIHarness.root.appendingPathComponent("docs/report-screenshot.png")
                try? FileManager.default.removeItem(at: docs)
                try FileManager.default.copyItem(at: shot, to: docs)
            }

            let dom = try Subprocess.run("/usr/bin/timeout", ["120", "chromium"] + chromium + ["--dump-dom", page.absoluteString])
            let text = String(decoding: dom.stdout, as: UTF8.self)
            #expect(dom.status == 0, "\(dom.stderr)")
            for needle in ReportScenario.tickets + ["Lin Ops", "Sam Rollback", "Grace Lead"] {
                #expect(text.contains(needle), "the rendered DOM holds \(needle)")
            }
            #expect(text.contains("<svg"), "the timeline is in the DOM")
            #expect(!text.contains("<b>release</b>"), "a commit message's markup is text, not markup")
            try Self.expectNoSecret(in: text, format: "the rendered DOM")
        }
    }
}
