import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// `history --all/--since/--until/--author/--image` and `releases`, through the command line.
@Suite struct QueryCommandTests {
    /// 2026-12-03T10:00:00Z plus `minutes`.
    static func time(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_796_292_000 + minutes * 60) }

    /// A ledger with `ops/agent` revisions 1 (10:00, ada, 1.0) and 2 (11:00, bob, 2.0), and
    /// `monitoring/exporter` revision 1 (10:30, carol).
    static func ledger() async throws -> CLIHarness {
        var cli = CLIHarness()
        for (minute, author, name, namespace, tag) in [(0.0, "Ada <ada@example.com>", "agent", "ops", "1.0"), (60, "bob", "agent", "ops", "2.0"),
                                                       (30, "carol", "exporter", "monitoring", "1.0")] {
            let moment = time(minute)
            cli.now = { moment }
            cli.environment["DSLEDGER_AUTHOR"] = author
            let yaml = AgentManifest.yaml(tag: tag).replacingOccurrences(of: "name: agent", with: "name: \(name)")
                .replacingOccurrences(of: "value: ops", with: "value: \(namespace)")
            let file = try cli.manifest(yaml, named: "\(name)-\(tag).yaml")
            let rendered = await cli.run(["render", "-f", file])
            try #require(rendered.code == 0, "\(rendered.stderr)")
        }
        return cli
    }

    /// The rows of a table after its header, each cell trimmed.
    static func rows(_ table: String) -> [[String]] {
        table.split(separator: "\n").dropFirst().map { line in
            line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    @Test func historyAllListsEveryReleaseNewestFirstWithItsRelease() async throws {
        let cli = try await Self.ledger()
        let table = await cli.run(["history", "--all"])
        #expect(table.code == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("RELEASE"))
        #expect(Self.rows(table.stdout).map { $0.prefix(2).joined(separator: "#") } == ["ops/agent#2", "monitoring/exporter#1", "ops/agent#1"])
        let json = await cli.run(["history", "--all", "-o", "json", "--limit", "2"])
        let items = try #require(try JSONValue(parsingJSON: json.stdout).arrayValue)
        #expect(items.count == 2)
        #expect(items[0]["release"] == ["namespace": "ops", "name": "agent"] && items[0]["revision"] == 2)
        #expect(items[1]["release"] == ["namespace": "monitoring", "name": "exporter"] && items[1]["author"] == "carol")
        // One release's JSON is as before: no release member.
        let one = await cli.run(["history", "agent", "-o", "json"])
        #expect(try JSONValue(parsingJSON: one.stdout).arrayValue?.first?["release"] == nil)
    }

    @Test func timeBoundsTakeDatesAndOffsetsSinceInclusiveUntilExclusive() async throws {
        let cli = try await Self.ledger()
        func revisions(_ arguments: [String]) async throws -> [String] {
            let result = await cli.run(["history", "--all", "-o", "json"] + arguments)
            #expect(result.code == 0, "\(result.stderr)")
            return try #require(try JSONValue(parsingJSON: result.stdout).arrayValue).map {
                "\($0["release"]?["name"]?.stringValue ?? "")#\($0["revision"]?.intValue ?? 0)"
            }
        }
        #expect(try await revisions(["--since", "2026-12-03T10:30:00Z"]) == ["agent#2", "exporter#1"])
        // 11:30+01:00 is 10:30Z: inclusive.
        #expect(try await revisions(["--since", "2026-12-03T11:30:00+01:00"]) == ["agent#2", "exporter#1"])
        #expect(try await revisions(["--until", "2026-12-03T10:30:00Z"]) == ["agent#1"])
        #expect(try await revisions(["--until", "2026-12-03T10:30:00.001Z"]) == ["exporter#1", "agent#1"])
        #expect(try await revisions(["--since", "2026-12-03", "--until", "2026-12-04"]).count == 3)
        #expect(try await revisions(["--until", "2026-12-03"]).isEmpty)
        // The other spellings RFC 3339 allows: a space or lowercase t and z, fractions, negative offsets.
        #expect(try await revisions(["--since", "2026-12-03 10:30:00Z"]) == ["agent#2", "exporter#1"])
        #expect(try await revisions(["--since", "2026-12-03t10:30:00.000001z"]) == ["agent#2"])
        #expect(try await revisions(["--until", "2026-12-03T05:30:00.5-05:00"]) == ["exporter#1", "agent#1"])
        #expect(try await revisions(["--since", "2026-12-03T10:30:00"]) == ["agent#2", "exporter#1"])
        let named = await cli.run(["history", "agent", "--since", "2026-12-03T10:59:59-00:00", "-o", "json"])
        #expect(try JSONValue(parsingJSON: named.stdout).arrayValue?.map { $0["revision"] } == [2])
    }

    @Test func authorAndImageMatchPartsOfTheirText() async throws {
        let cli = try await Self.ledger()
        let ada = await cli.run(["history", "--all", "--author", "ADA"])
        #expect(Self.rows(ada.stdout).map { $0.prefix(2).joined(separator: "#") } == ["ops/agent#1"])
        let image = await cli.run(["history", "--all", "--image", "agent:2.", "-o", "json"])
        #expect(try JSONValue(parsingJSON: image.stdout).arrayValue?.map { $0["revision"] } == [2])
        // Nothing matched: an empty list, not an error.
        let none = await cli.run(["history", "agent", "--author", "mallory"])
        #expect(none.code == 0 && Self.rows(none.stdout).isEmpty, "\(none.stderr)")
        let noneJSON = await cli.run(["history", "--all", "--image", "nginx", "-o", "json"])
        #expect(noneJSON.code == 0 && noneJSON.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test(arguments: [
        (["history", "--all", "--since", "2026-13-01"], "--since: '2026-13-01' is not a time"),
        (["history", "--all", "--until", "yesterday"], "--until: 'yesterday' is not a time"),
        (["history", "--all", "--since", "2026-02-30"], "--since: '2026-02-30' is not a time"),
        (["history", "--all", "--since", "2026-12-03T10:00:00+1"], "--since: '2026-12-03T10:00:00+1' is not a time"),
        (["history", "--all", "--since", "2026-12-04", "--until", "2026-12-03"], "--until (2026-12-03T00:00:00.000Z) must be after --since"),
        (["releases", "--at", "12/03/2026"], "--at: '12/03/2026' is not a time"),
        (["history", "agent", "--all"], "--all lists every release"),
        (["history"], "name a release, or give --all"),
        (["history", "--all", "--author", ""], "--author needs some text"),
    ]) func badArgumentsAreUsageErrorsNamingTheFlag(arguments: [String], message: String) async throws {
        let cli = try await Self.ledger()
        let result = await cli.run(arguments)
        #expect(result.code == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func releasesListsEveryReleaseAndWhatWasAppliedAt() async throws {
        let cli = try await Self.ledger()
        // The ledger's policy is a chain of its own, never a release.
        #expect(await cli.run(["policy", "set", "require-ticket", "true"]).code == 0)
        let table = await cli.run(["releases"])
        #expect(table.code == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("RELEASE"))
        #expect(Self.rows(table.stdout) == [["monitoring/exporter", "1", "2026-12-03 10:30:00"], ["ops/agent", "2", "2026-12-03 11:00:00"]])
        let then = await cli.run(["releases", "--at", "2026-12-03T10:15:00Z", "-o", "json"])
        #expect(try JSONValue(parsingJSON: then.stdout) == [[
            "release": ["namespace": "ops", "name": "agent"],
            "latest": ["revision": 1, "createdAt": "2026-12-03T10:00:00.000Z"], "clusters": [],
        ]])
    }

    /// Two API servers whose kubeconfig context has the same name: two clusters, each with its own row.
    @Test func releasesShowsEachClusterByServerAndContext() async throws {
        try await withAPIServer { one in
            try await withAPIServer { two in
                var cli = clusterHarness(one)
                #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
                cli.environment["KUBECONFIG"] = two.kubeconfigPath
                #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml")]).code == 0)
                let table = await cli.run(["releases"])
                let rows = Self.rows(table.stdout)
                #expect(rows.count == 2, "\(table.stdout)")
                #expect(rows.contains { $0[3] == "emulator-token (\(one.url))" && $0[4] == "1" })
                #expect(rows.contains { $0[3] == "emulator-token (\(two.url))" && $0[4] == "2" })
                let json = try JSONValue(parsingJSON: await cli.run(["releases", "-o", "json"]).stdout)
                let clusters = try #require(json.arrayValue?.first?["clusters"]?.arrayValue)
                #expect(Set(clusters.compactMap { $0["server"]?.stringValue }) == [one.url, two.url])
                #expect(clusters.allSatisfy { $0["context"] == "emulator-token" && $0["kind"] == "apply" })
            }
        }
    }
}
