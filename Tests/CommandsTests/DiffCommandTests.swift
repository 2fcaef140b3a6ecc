import Foundation
import Testing

/// diff, blame and the history change summary through the CLI.
@Suite struct DiffCommandTests {
    /// A ledger with three revisions of the minimal manifest: 1.0 → 2.0 (+ maxUnavailable) → secret changed.
    static func ledger() async -> CLIHarness {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        _ = await harness.run(["render", "-f", "-", "-m", "first"])
        let second = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"2.0\"")
            .replacingOccurrences(of: "max_unavailable: \"10%\"", with: "max_unavailable: \"1\"")
        _ = await CLIHarness(stdin: second, environment: harness.environment).run(["render", "-f", "-", "-m", "second"])
        let third = second.replacingOccurrences(of: "s3cr3t-t0ken", with: "n3w-t0ken")
        _ = await CLIHarness(stdin: third, environment: harness.environment).run(["render", "-f", "-", "-m", "rotate"])
        return harness
    }

    @Test func humanDiffGroupsChangesPerObject() async {
        let harness = await Self.ledger()
        let result = await harness.run(["diff", "agent", "1", "2"])
        #expect(result.code == 1)
        #expect(result.stdout == """
            DaemonSet agents/agent
              ~ spec.template.spec.containers[name=daemonset-container].image: example.com/agent:1.0 → example.com/agent:2.0
              ~ spec.updateStrategy.rollingUpdate.maxUnavailable: "10%" → 1

            """)
    }

    @Test func secretsAreComparedByHashOnly() async throws {
        let harness = await Self.ledger()
        let result = await harness.run(["diff", "agent", "-1"])
        #expect(result.code == 1)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("secret changed") })
        #expect(line.range(of: #"^  secret changed: agents/agent-env-secrets TOKEN \(sha256:[0-9a-f]{8}… → sha256:[0-9a-f]{8}…\)$"#,
                           options: .regularExpression) != nil)
        #expect(!result.stdout.contains("t0ken"))
    }

    @Test func equalRevisionsExitZero() async {
        let harness = await Self.ledger()
        let result = await harness.run(["diff", "agent", "2", "2"])
        #expect(result.code == 0 && result.stdout.isEmpty)
    }

    @Test func jsonDiffHasTheDocumentedShape() async throws {
        let harness = await Self.ledger()
        let result = await harness.run(["diff", "agent", "1", "2", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["from"] as? Int == 1 && document["to"] as? Int == 2)
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(changes.count == 2)
        #expect(changes[0]["object"] as? String == "apps/v1/DaemonSet/agents/agent")
        #expect(changes[0]["path"] as? String == "spec.template.spec.containers[name=daemonset-container].image")
        #expect(changes[0]["change"] as? String == "changed")
        #expect(changes[1]["old"] as? String == "10%" && changes[1]["new"] as? Int == 1)
    }

    @Test func unifiedDiffOfTheCanonicalYAML() async {
        let harness = await Self.ledger()
        let result = await harness.run(["diff", "agent", "1", "2", "--format", "unified"])
        #expect(result.code == 1)
        #expect(result.stdout.hasPrefix("--- agents/agent revision 1\n+++ agents/agent revision 2\n@@ "))
        #expect(result.stdout.contains("\n-        image: example.com/agent:1.0\n+        image: example.com/agent:2.0\n"))
    }

    @Test func historySummarisesEachRevision() async throws {
        let harness = await Self.ledger()
        let result = await harness.run(["history", "agent", "-o", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["changes"] as? String } == [
            "secret TOKEN changed", "image 1.0 → 2.0; maxUnavailable 10% → 1", "initial",
        ])
        let table = await harness.run(["history", "agent"])
        #expect(table.stdout.split(separator: "\n")[2].hasSuffix("image 1.0 → 2.0; maxUnavailable 10% → 1"))
    }

    @Test func blameNamesTheRevisionThatSetEachField() async throws {
        let harness = await Self.ledger()
        let result = await harness.run(["blame", "agent", "--path", "spec.template.spec.containers[name=daemonset-container].image", "-o", "json"])
        #expect(result.code == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries[0]["revision"] as? Int == 2)
        #expect(entries[0]["value"] as? String == "example.com/agent:2.0")
        #expect(entries[0]["author"] as? String == "test <test@example.com>")
        let strategy = await harness.run(["blame", "agent", "1", "--path", "spec.updateStrategy.type"])
        #expect(strategy.stdout.split(separator: "\n").count == 2)
        #expect(strategy.stdout.split(separator: "\n")[1].hasPrefix("1 "))
        let secret = await harness.run(["blame", "agent", "--path", "data.TOKEN"])
        #expect(secret.stdout.contains("sha256:") && !secret.stdout.contains("t0ken"))
        #expect(secret.stdout.split(separator: "\n")[1].hasPrefix("3 "))
    }
}
