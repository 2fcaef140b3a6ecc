import Foundation
import Testing

/// render → history/show/regenerate/verify through the CLI, on a real ledger file.
@Suite struct LedgerCommandTests {
    static let fluentBit = CLIHarness.example("daemonset-log-collector-fluent-bit")

    static func bumped(_ text: String, tag: String) -> String {
        text.replacingOccurrences(of: "tag: \"3.1.9\"", with: "tag: \"\(tag)\"")
    }

    static var fluentBitText: String { (try? String(contentsOfFile: fluentBit, encoding: .utf8)) ?? "" }

    @Test func recordsNewRevisionsAndEventsForUnchangedContent() async {
        let harness = CLIHarness()
        let first = await harness.run(["render", "-f", Self.fluentBit, "-m", "first"])
        #expect(first.code == 0)
        #expect(first.stderr.hasPrefix("recorded logging/fluent-bit revision 1\n"))
        let again = await harness.run(["render", "-f", Self.fluentBit])
        #expect(again.stderr.hasPrefix("unchanged, logging/fluent-bit revision 1\n"))
        let changed = await CLIHarness(stdin: Self.bumped(Self.fluentBitText, tag: "3.1.10"), environment: harness.environment)
            .run(["render", "-f", "-", "-m", "bump"])
        #expect(changed.stderr.hasPrefix("recorded logging/fluent-bit revision 2\n"))
        let skipped = await CLIHarness(stdin: Self.bumped(Self.fluentBitText, tag: "9"), environment: harness.environment)
            .run(["render", "-f", "-", "--no-record"])
        #expect(skipped.code == 0 && !skipped.stderr.contains("recorded"))

        let history = await harness.run(["history", "fluent-bit"])
        #expect(history.code == 0)
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("REVISION   CREATED (UTC)         ACTION   AUTHOR"))
        #expect(lines[1].hasPrefix("2 ") && lines[1].contains("cr.fluentbit.io/fluent/fluent-bit:3.1.10") && lines[1].contains("RollingUpdate 10%   bump ") && lines[1].hasSuffix(" image 3.1.9 → 3.1.10"))
        #expect(lines[2].hasPrefix("1 ") && lines[2].contains("test <test@example.com>") && lines[2].contains(" first ") && lines[2].hasSuffix(" initial"))
    }

    @Test func historyAsJSONHasTheDocumentedFields() async throws {
        let harness = CLIHarness()
        _ = await harness.run(["render", "-f", Self.fluentBit, "-m", "first"])
        let result = await harness.run(["history", "fluent-bit", "-n", "logging", "-o", "json", "--limit", "1"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(array.first)
        #expect(array.count == 1)
        #expect(entry["revision"] as? Int == 1)
        #expect(entry["action"] as? String == "render")
        #expect(entry["author"] as? String == "test <test@example.com>")
        #expect(entry["message"] as? String == "first")
        #expect(entry["images"] as? [String] == ["cr.fluentbit.io/fluent/fluent-bit:3.1.9"])
        let strategy = try #require(entry["strategy"] as? [String: Any])
        #expect(strategy["type"] as? String == "RollingUpdate")
        #expect(strategy["maxUnavailable"] as? String == "10%")
        #expect(strategy["minReadySeconds"] as? Int == 10)
        #expect((entry["contentDigest"] as? String)?.hasPrefix("sha256:") == true)
        #expect(entry["restoredFrom"] is NSNull)
        let created = try #require(entry["createdAt"] as? String)
        #expect(created.hasSuffix("Z") && created.count == 24)
    }

    @Test func showPrintsRecordedObjectsWithSecretFingerprints() async {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        _ = await harness.run(["render", "-f", "-"])
        let shown = await harness.run(["show", "agent", "latest"])
        #expect(shown.code == 0)
        #expect(shown.stdout.contains("kind: Secret"))
        #expect(shown.stdout.range(of: #"TOKEN: sha256:[0-9a-f]{8}…"#, options: .regularExpression) != nil)
        #expect(!shown.stdout.contains("s3cr3t") && !shown.stdout.contains(Data("s3cr3t-t0ken".utf8).base64EncodedString()))
        let spec = await harness.run(["show", "agent", "1", "--spec"])
        #expect(spec.stdout.contains("kind: KubernetesDaemonSet") && spec.stdout.range(of: #"value: sha256:[0-9a-f]{8}…"#, options: .regularExpression) != nil)
        let missing = await harness.run(["show", "agent", "7"])
        #expect(missing.code == 2 && missing.stderr == "dsledger: error: agents/agent has no revision 7 (latest is 1)\n")
    }

    @Test func regenerateGivesTheRenderedBytesBackWhenValuesAreSupplied() async {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        let rendered = await harness.run(["render", "-f", "-"])
        let placeholders = await harness.run(["regenerate", "agent", "1"])
        #expect(placeholders.code == 0)
        #expect(placeholders.stdout.contains("TOKEN: <secret:TOKEN>"))
        #expect(placeholders.stderr.hasPrefix("warning: no value for TOKEN (Secret agent-env-secrets)"))
        let exact = await harness.run(["regenerate", "agent", "1", "--secret", "TOKEN=s3cr3t-t0ken"])
        #expect(exact.code == 0)
        #expect(exact.stderr.hasPrefix("dsledger: warning: --secret puts the value on the command line"), "\(exact.stderr)")
        #expect(exact.stdout == rendered.stdout)
        // From the environment, and from standard input: the same bytes, and no warning.
        var fromEnvironment = harness
        fromEnvironment.environment["AGENT_TOKEN"] = "s3cr3t-t0ken"
        let viaEnvironment = await fromEnvironment.run(["regenerate", "agent", "1", "--secret-env", "TOKEN=AGENT_TOKEN"])
        #expect(viaEnvironment.code == 0 && viaEnvironment.stderr.isEmpty && viaEnvironment.stdout == rendered.stdout, "\(viaEnvironment.stderr)")
        let unset = await harness.run(["regenerate", "agent", "1", "--secret-env", "TOKEN"])
        #expect(unset.code == 2 && unset.stderr == "dsledger: error: --secret-env TOKEN: the environment variable TOKEN is not set\n")
        var piped = harness
        piped.stdin = "TOKEN=s3cr3t-t0ken\n"
        let viaStandardInput = await piped.run(["regenerate", "agent", "1", "--secrets-from", "-"])
        #expect(viaStandardInput.code == 0 && viaStandardInput.stdout == rendered.stdout, "\(viaStandardInput.stderr)")
        let wrong = await harness.run(["regenerate", "agent", "latest", "--secret", "TOKEN=guess"])
        #expect(wrong.code == 2)
        #expect(wrong.stderr.split(separator: "\n", omittingEmptySubsequences: false).last(where: { !$0.isEmpty }).map { $0 + "\n" } == "dsledger: error: agents/agent revision 1: the value given for 'TOKEN' (Secret 'agent-env-secrets') does not match the one recorded; its HMAC differs\n")
        #expect(!wrong.stderr.contains("guess"))
    }

    @Test func readCommandsNeverCreateALedger() async {
        let harness = CLIHarness()
        let result = await harness.run(["history", "fluent-bit"])
        #expect(result.code == 2)
        #expect(result.stderr == "\(harness.database): error: no ledger here yet; record a revision first (dsledger render -f FILE)\n")
        #expect(!FileManager.default.fileExists(atPath: harness.database))
    }

    @Test func nameWithoutNamespaceMustBeUnambiguous() async {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        _ = await harness.run(["render", "-f", "-"])
        let other = RenderCommandTests.minimal.replacingOccurrences(of: "{value: agents}", with: "{value: edge}")
        _ = await CLIHarness(stdin: other, environment: harness.environment).run(["render", "-f", "-"])
        let ambiguous = await harness.run(["history", "agent"])
        #expect(ambiguous.code == 2)
        #expect(ambiguous.stderr == "dsledger: error: 'agent' exists in several namespaces (agents, edge); choose one with -n\n")
        #expect(await harness.run(["history", "agent", "-n", "edge"]).code == 0)
    }

    @Test func aMissingKeyForAnExistingLedgerIsAnError() async throws {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        _ = await harness.run(["render", "-f", "-"])
        try FileManager.default.removeItem(atPath: harness.database + ".key")
        let changed = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"2.0\"")
        let result = await CLIHarness(stdin: changed, environment: harness.environment).run(["render", "-f", "-"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("error: the HMAC key of \(harness.database) is missing"))
        #expect(!FileManager.default.fileExists(atPath: harness.database + ".key"))
        #expect(await harness.run(["history", "agent"]).stdout.split(separator: "\n").count == 2)
    }

    @Test func storeFilesArePrivate() async throws {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        _ = await harness.run(["render", "-f", "-"])
        for path in [harness.database, harness.database + ".key"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
    }
}
