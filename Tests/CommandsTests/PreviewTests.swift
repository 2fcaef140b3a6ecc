import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// `apply --diff` and `rollback --diff` against the emulator over HTTPS: exactly what would
/// change, nothing applied, no revision, one `preview` event.
@Suite struct PreviewTests {
    /// Stdout with every secret fingerprint replaced by `sha256:FP`, which depends on the random ledger key.
    static func stable(_ text: String) -> String {
        text.replacingOccurrences(of: #"sha256:[0-9a-f]+…?"#, with: "sha256:FP", options: .regularExpression)
    }

    /// The outcome of each `preview` event, oldest first.
    static func previews(_ cli: CLIHarness) throws -> String {
        let result = try Subprocess.run("/usr/bin/sqlite3", ["-cmd", ".timeout 5000", cli.database,
                                                             "SELECT outcome FROM event WHERE kind = 'preview' ORDER BY id;"])
        return String(decoding: result.stdout, as: UTF8.self)
    }

    static func revisionCount(_ cli: CLIHarness) throws -> String {
        let result = try Subprocess.run("/usr/bin/sqlite3", ["-cmd", ".timeout 5000", cli.database, "SELECT count(*) FROM revision;"])
        return String(decoding: result.stdout, as: UTF8.self)
    }

    @Test func aRollbackPreviewAfterKubectlSetImageShowsTheImageAsAConflictTheConfigMapAndTheSecretByHash() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            let second = try cli.manifest(AgentManifest.yaml(tag: "1.1", token: "s3cret-two", config: "level = debug"))
            #expect(await cli.run(["apply", "-f", second]).code == 0)
            let kubectl = try running.kubectl(arguments: ["set", "image", "-n", "ops", "daemonset/agent",
                                                          "daemonset-container=registry.example.com/agent:hotfix"])
            #expect(kubectl.status == 0, "\(kubectl.stderr)")
            let before = running.agent?.value(atMemberPath: "metadata.resourceVersion")

            let preview = await cli.run(["rollback", "agent", "1", "--diff"])
            #expect(preview.code == 1, "\(preview.stderr)")
            #expect(Self.stable(preview.stdout) == """
                ConfigMap ops/agent-config
                  ~ data.agent-config: level = debug → level = info
                Secret ops/agent-env-secrets
                  secret changed: ops/agent-env-secrets TOKEN (sha256:FP → sha256:FP)
                DaemonSet ops/agent
                  ~ spec.template.spec.containers[name=daemonset-container].image: registry.example.com/agent:hotfix → registry.example.com/agent:1.0
                    conflict: owned by kubectl-set (Update); the apply is refused without --force-conflicts

                """)
            #expect(preview.stderr.contains("would change: 3 objects changed, 1 conflict, refused without --force-conflicts"))
            let forced = await cli.run(["rollback", "agent", "1", "--diff", "--force-conflicts", "--format", "json"])
            #expect(forced.code == 1)
            let json = try JSONValue(parsingJSON: forced.stdout)
            #expect(json["conflicts"] == 1 && json["changed"] == true)
            let image = json["changes"]?.arrayValue?.first { ($0["path"]?.stringValue ?? "").hasSuffix(".image") }
            #expect(image?["conflict"]?["manager"] == "kubectl-set")
            // Nothing applied, nothing recorded but the two preview events; no value anywhere.
            #expect(running.agentImage == "registry.example.com/agent:hotfix")
            #expect(running.agent?.value(atMemberPath: "metadata.resourceVersion") == before)
            #expect(try Self.revisionCount(cli) == "2\n")
            #expect(try Self.previews(cli) == "changes\nchanges\n")
            for text in [preview.stdout, preview.stderr, forced.stdout, try String(contentsOfFile: cli.database, encoding: .isoLatin1)] {
                #expect(!text.contains("s3cret") && !text.contains(Data("s3cret-one".utf8).base64EncodedString()))
            }
        }
    }

    @Test func anApplyPreviewShowsANewObjectWholeAndAnObjectNoLongerRenderedAsLeftInPlaceOrPruned() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(config: nil))]).code == 0)
            let withConfig = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--diff"])
            #expect(withConfig.code == 1, "\(withConfig.stderr)")
            #expect(withConfig.stdout == """
                + ConfigMap ops/agent-config (created)
                    + apiVersion: v1
                    + data:
                    +   agent-config: level = info
                    + kind: ConfigMap
                    + metadata:
                    +   labels:
                    +     app: daemonset
                    +     app.kubernetes.io/managed-by: dsledger
                    +     planton.ai/kind: KubernetesDaemonSet
                    +     planton.ai/name: agent
                    +     planton.ai/resource: "true"
                    +   name: agent-config
                    +   namespace: ops

                """)
            #expect(try Self.revisionCount(cli) == "1\n")
            #expect(running.server.storedObject(apiVersion: "v1", kind: "ConfigMap", namespace: "ops", name: "agent-config") == nil)

            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            let withoutConfig = try cli.manifest(AgentManifest.yaml(config: nil))
            let kept = await cli.run(["apply", "-f", withoutConfig, "--diff"])
            #expect(kept.code == 0, "objects left in place are no change")
            #expect(kept.stdout == "= ConfigMap ops/agent-config (no longer rendered; left in place, --prune deletes it)\n")
            let pruned = await cli.run(["apply", "-f", withoutConfig, "--diff", "--prune"])
            #expect(pruned.code == 1)
            #expect(pruned.stdout == """
                - ConfigMap ops/agent-config (pruned)
                    - apiVersion: v1
                    - data:
                    -   agent-config: level = info
                    - kind: ConfigMap
                    - metadata:
                    -   labels:
                    -     app: daemonset
                    -     app.kubernetes.io/managed-by: dsledger
                    -     planton.ai/kind: KubernetesDaemonSet
                    -     planton.ai/name: agent
                    -     planton.ai/resource: "true"
                    -   name: agent-config
                    -   namespace: ops

                """)
            #expect(running.server.storedObject(apiVersion: "v1", kind: "ConfigMap", namespace: "ops", name: "agent-config") != nil)
        }
    }

    @Test func aPreviewOfWhatIsLiveSaysNothingAndExits0() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let manifest = try cli.manifest(AgentManifest.yaml())
            #expect(await cli.run(["apply", "-f", manifest]).code == 0)
            let same = await cli.run(["apply", "-f", manifest, "--diff"])
            #expect(same.code == 0, "\(same.stdout)\(same.stderr)")
            #expect(same.stdout == "")
            #expect(same.stderr.contains("nothing would change"))
            let rollback = await cli.run(["rollback", "agent", "1", "--diff"])
            #expect(rollback.code == 0 && rollback.stdout == "", "\(rollback.stdout)")
            #expect(try Self.previews(cli) == "no-changes\nno-changes\n")
            #expect(try Self.revisionCount(cli) == "1\n")
            let both = await cli.run(["apply", "-f", manifest, "--diff", "--dry-run=server"])
            #expect(both.code == 2 && both.stderr.contains("--diff and --dry-run=server"))
        }
    }

    @Test func aDryRunRefusalOfASecretKeepsOnlyItsCodeAndReason() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            let token = "s3cret-new-one"
            running.server.injectFaults([.admissionDenied(resource: "secrets", webhook: "policy.example.com",
                                                          message: "data.TOKEN '\(token)' is too weak")])
            let preview = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(token: token)), "--diff"])
            #expect(preview.code == 2, "\(preview.stderr)")
            #expect(preview.stderr.contains("its message about a Secret is not kept"), "\(preview.stderr)")
            #expect(try Self.previews(cli) == "failed\n")
            for text in [preview.stdout, preview.stderr, try String(contentsOfFile: cli.database, encoding: .isoLatin1)] {
                #expect(!text.contains(token) && !text.contains(Data(token.utf8).base64EncodedString()))
            }
        }
    }
}
