import EmulatorTestSupport
import Foundation
import History
import Ledger
import ObjectModel
import Testing
import TestSupport

/// What a change was tested with, recorded by the commands against the emulator: lint findings
/// on the revisions render and apply record, a server dry run as a `dry-run` event (never a
/// revision, never applied), and a drift check's findings (never a value).
@Suite struct TestedWithCommandTests {
    /// The events of `agent`, newest first, read through the store.
    static func events(_ cli: CLIHarness, _ kinds: [EventKind] = []) async throws -> [Event] {
        let store = try SQLiteRevisionStore.open(path: cli.database, create: false)
        defer { Task { await store.close() } }
        return try await store.events(of: ReleaseID(namespace: "ops", name: "agent"), kinds: kinds, limit: 100)
    }

    static func revisions(_ cli: CLIHarness) async throws -> [Revision] {
        let store = try SQLiteRevisionStore.open(path: cli.database, create: false)
        defer { Task { await store.close() } }
        return try await store.revisions(of: ReleaseID(namespace: "ops", name: "agent"), limit: 100, before: nil)
    }

    @Test func aServerDryRunIsAnEventOfItsOwnNeverARevisionNorApplied() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            try running.createNamespace("ops")
            var result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--dry-run=server", "--ticket", "OPS-7"])
            #expect(result.code == 0, "\(result.stderr)")
            var dryRuns = try await Self.events(cli, [.dryRun])
            #expect(try await Self.revisions(cli).isEmpty)
            let first = try #require(dryRuns.first)
            #expect(dryRuns.count == 1 && first.draft.outcome == .succeeded && first.draft.revision == nil)
            #expect(first.draft.change.ticket == "OPS-7" && first.draft.cluster?.server.isEmpty == false)
            #expect((first.draft.detail?["objects"]?.arrayValue ?? []).contains { $0["kind"] == "DaemonSet" && $0["name"] == "agent" })
            #expect(first.draft.detail?["error"] == nil)

            result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            #expect(result.code == 0, "\(result.stderr)")
            let applied = try #require(try await Self.revisions(cli).first)
            #expect(first.dryRunContentDigest == applied.contentDigest, "the digest the dry run said it would have")
            // Revision 2 is recorded, not applied: a dry run of it must not make it applied anywhere.
            #expect(await cli.run(["render", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml")]).code == 0)
            let history = await cli.run(["history", "agent", "-o", "json"])
            let releases = await cli.run(["releases", "-o", "json"])
            #expect(history.stdout.contains("\"cluster\": null"))

            result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml"), "--dry-run=server"])
            #expect(result.code == 0, "\(result.stderr)")
            result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "3.0"), named: "c.yaml"), "--dry-run=server"])
            #expect(result.code == 0, "\(result.stderr)")
            dryRuns = try await Self.events(cli, [.dryRun])
            #expect(dryRuns.map(\.draft.revision) == [nil, 2, nil], "the latest revision when it holds the content, else none")
            #expect(dryRuns.map(\.draft.outcome) == [.succeeded, .succeeded, .succeeded])
            let revisions = try await Self.revisions(cli)
            #expect(revisions.count == 2 && dryRuns[1].dryRunContentDigest == revisions[0].contentDigest)
            #expect(dryRuns[0].dryRunContentDigest.map { !revisions.map(\.contentDigest).contains($0) } == true)
            // Not applied: history's cluster column, releases and `applied` are as before.
            #expect(await cli.run(["history", "agent", "-o", "json"]).stdout == history.stdout)
            #expect(await cli.run(["releases", "-o", "json"]).stdout == releases.stdout)
            #expect(await cli.run(["show", "agent", "applied"]).stderr.contains("revision 1 lint:"))
            #expect(await cli.run(["rollback", "agent", "applied", "--dry-run=server", "--ticket", "OPS-8"]).code == 0)
            let rollback = try #require(try await Self.events(cli, [.dryRun]).first)
            #expect(rollback.draft.revision == 1 && rollback.draft.change.ticket == "OPS-8" && rollback.draft.outcome == .succeeded)
            #expect(try await Self.revisions(cli).count == 2)
            #expect(await cli.run(["verify"]).code == 0)
        }
    }

    @Test func aRefusedDryRunIsRecordedAsFailed() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            let patch = try running.kubectl("set", "image", "-n", "ops", "daemonset/agent", "daemonset-container=registry.example.com/agent:hotfix")
            #expect(patch.status == 0, "\(patch.stderr)")
            let history = await cli.run(["history", "agent", "-o", "json"])
            let result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml"), "--dry-run=server"])
            #expect(result.code == 3, "\(result.stderr)")
            let event = try #require(try await Self.events(cli, [.dryRun]).first)
            #expect(event.draft.outcome == .failed && event.draft.revision == nil)
            #expect(event.draft.detail?["error"]?.stringValue?.contains("kubectl-set") == true, "\(String(describing: event.draft.detail))")
            #expect(try await Self.revisions(cli).count == 1)
            #expect(await cli.run(["history", "agent", "-o", "json"]).stdout == history.stdout)
        }
    }

    @Test func renderAndApplyRecordLintFindingsWithoutValues() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "latest"))]).code == 0)
            let revision = try #require(try await Self.revisions(cli).first)
            let lint = try #require(revision.metadata.lint)
            #expect(lint.contains(LintRecord(rule: "pinned-image", severity: "warning", path: "spec.container.app.image.tag")))
            #expect(lint.allSatisfy { $0.severity == "warning" && !$0.path.contains("latest") })
            let json = try JSONValue(parsingJSON: await cli.run(["history", "agent", "-o", "json"]).stdout)
            #expect(json.arrayValue?.first?["lint"] == LintRecord.json(lint))
            let show = await cli.run(["show", "agent", "1"])
            #expect(show.stderr.contains("# ops/agent revision 1 lint: \(lint.count) findings (") && show.stderr.contains("pinned-image at spec.container.app.image.tag"))
            #expect(await cli.run(["rollback", "agent", "1"]).code == 0)
            #expect(try await Self.revisions(cli).first?.metadata.lint == lint, "a rollback's revision: the restored manifest, linted")
            #expect(await cli.run(["verify"]).code == 0)
        }
    }

    @Test func aDriftCheckRecordsItsFindingsWithoutValues() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            let stolen = "St0len-Value-91xq"
            try #require(try running.kubectl("set", "image", "-n", "ops", "daemonset/agent",
                                             "daemonset-container=registry.example.com/agent:hotfix").status == 0)
            try #require(try running.kubectl("patch", "-n", "ops", "secret/agent-env-secrets", "-p",
                                             #"{"data":{"TOKEN":"\#(Data(stolen.utf8).base64EncodedString())"}}"#).status == 0)
            let shown = await cli.run(["drift", "agent", "-o", "json"])
            #expect(shown.code == 1)
            let event = try #require(try await Self.events(cli, [.drift]).first)
            #expect(event.draft.detail?["items"]?.intValue == Int64(event.driftFindings.count) && event.driftFindingsLeftOut == 0)
            let image = try #require(event.driftFindings.first { $0.path.hasSuffix("containers[name=daemonset-container].image") })
            #expect(image.object == ObjectIdentity(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "ops", name: "agent"))
            #expect(image.change == "changed" && image.manager == "kubectl-set" && image.operation == "Update")
            #expect(image.time?.isEmpty == false && image.fingerprint == nil)
            let secret = try #require(event.driftFindings.first { $0.change == "secretChanged" })
            #expect(secret.object.kind == "Secret" && secret.path == "data.TOKEN" && secret.manager == "kubectl-patch")
            #expect(secret.operation == "Update" && secret.time?.isEmpty == false)
            let printed = try JSONValue(parsingJSON: shown.stdout)["items"]?.arrayValue?.first { $0["change"] == "secretChanged" }
            #expect(secret.fingerprint != nil && secret.fingerprint == printed?["live"]?.stringValue)
            // No value is kept: neither the secret (plain or base64) nor the new image.
            let stored = try #require(event.draft.detail.map(CanonicalJSON.compact))
            #expect(!stored.contains("hotfix") && !stored.contains("\"live\"") && !stored.contains("\"expected\""))
            var files = Data()
            for suffix in ["", "-wal"] { files += (try? Data(contentsOf: URL(fileURLWithPath: cli.database + suffix))) ?? Data() }
            for needle in [stolen, Data(stolen.utf8).base64EncodedString()] {
                #expect(files.range(of: Data(needle.utf8)) == nil, "\(needle) in the ledger")
                #expect(!shown.stdout.contains(needle) && !shown.stderr.contains(needle))
            }
        }
    }
}
