import APIServerEmulator
import EmulatorTestSupport
import Foundation
import History
import Ledger
import ObjectModel
import Testing
import TestSupport

/// `rollback` applies only what dsledger renders, and the cluster witnesses the ledger's chain:
/// the DaemonSet carries the chain digest of the revision applied, and `drift` reports a live
/// link the ledger does not have.
@Suite(.serialized) struct RollbackScopeTests {
    /// Objects no rendering of `ops/agent` produces, each with what the refusal must name.
    static let foreign: [(object: JSONValue, named: String)] = [
        (["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "miner", "namespace": "ops"],
          "spec": ["containers": [["name": "miner", "image": "evil.example.com/miner:1"]]]],
         "Pod ops/miner (v1) is not a kind dsledger renders"),
        (["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "agent-config", "namespace": "kube-system"], "data": ["a": "b"]],
         "ConfigMap kube-system/agent-config is outside the release's namespace 'ops'"),
        (["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": "ops:root"],
          "subjects": [["kind": "ServiceAccount", "name": "agent", "namespace": "ops"]],
          "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"]],
         "ClusterRoleBinding ops:root is not the release's own ClusterRoleBinding ('ops:agent')"),
        (["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": "ops:agent"],
          "subjects": [["kind": "ServiceAccount", "name": "agent", "namespace": "ops"]],
          "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"]],
         "ClusterRoleBinding ops:agent binds another role than the release's own ClusterRole 'ops:agent'"),
    ]

    @Test func rollbackRefusesAnObjectDsledgerDoesNotRenderBeforeAnyRequest() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let applied = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            #expect(applied.code == 0, "\(applied.stderr)")
            // Someone with the database records revisions through the store's own API, so that
            // every digest and the chain are valid: only the scope rule stands in the way.
            let store = try SQLiteRevisionStore.open(path: cli.database, create: false)
            let release = ReleaseID(namespace: "ops", name: "agent")
            let first = try #require(try await store.revision(of: release, number: 1))
            let objects = try await store.objects(of: release, number: 1)
            // Someone who also holds the ledger key: the forged links are keyed like dsledger's own.
            let keyFile = cli.environment["DSLEDGER_HMAC_KEY_FILE"] ?? cli.database + ".key"
            let keyBytes = try #require(FileManager.default.contents(atPath: keyFile))
            let ledgerKey = try #require(SecretKey(bytes: keyBytes))
            for entry in Self.foreign {
                let draft = RevisionDraft(
                    release: release,
                    metadata: RevisionMetadata(action: .render, author: "mallory", toolVersion: "0", createdAt: Date()),
                    spec: try await store.spec(of: release, number: 1), objects: [entry.object] + objects,
                    secretHashes: try await store.secretHashes(of: release, number: 1), summary: first.summary)
                _ = try await store.record([draft], chainKey: ChainKey(deriving: ledgerKey))
            }
            await store.close()
            #expect(await cli.run(["verify"]).code == 0, "the forged revisions are valid links")
            let requests = running.requests.count
            let before = running.agentObjects
            for (offset, entry) in Self.foreign.enumerated() {
                let result = try BuiltBinary.run(["rollback", "agent", String(offset + 2)], environment: cli.environment)
                #expect(result.code == 6)
                #expect(result.stderr == "dsledger: error: ledger damaged: ops/agent revision \(offset + 2): \(entry.named); refusing to use it — run 'dsledger verify'\n")
            }
            // The secret hashes the new revision would record must be its checked Secrets' own.
            let sql = "DROP TRIGGER secret_hash_is_append_only; UPDATE secretHash SET hmac = 'ff' || substr(hmac, 3);"
            #expect(try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", cli.database, sql]).status == 0)
            let result = try BuiltBinary.run(["rollback", "agent", "1"], environment: cli.environment)
            #expect(result.code == 6)
            #expect(result.stderr.contains("ops/agent revision 1: secret hashes do not match the revision's Secrets"), "\(result.stderr)")
            #expect(running.requests.count == requests, "not one request reached the cluster")
            #expect(running.agentObjects == before)
        }
    }

    @Test func theDaemonSetCarriesTheChainDigestAndDriftReportsALinkTheLedgerLacks() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            #expect(await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())]).code == 0)
            let store = try SQLiteRevisionStore.open(path: cli.database, create: false)
            let revision = try #require(try await store.revision(of: ReleaseID(namespace: "ops", name: "agent"), number: 1))
            await store.close()
            #expect(running.agentAnnotation("dsledger.io/chain-digest") == revision.chainDigest)
            var result = await cli.run(["drift", "agent"])
            #expect(result.code == 0 && result.stdout == "ops/agent: no drift\n", "\(result.stdout)")

            func annotate(_ key: String, _ value: String) throws {
                let patch = #"{"metadata":{"annotations":{"\#(key)":"\#(value)"}}}"#
                let done = try running.kubectl(arguments: ["patch", "-n", "ops", "daemonset/agent", "-p", patch])
                #expect(done.status == 0, "\(done.stderr)")
            }
            try annotate("dsledger.io/chain-digest", "sha256:forged")
            result = await cli.run(["drift", "agent", "-o", "json"])
            #expect(result.code == 1)
            let report = try JSONValue(parsingJSON: result.stdout)
            #expect(report["items"] == [])
            #expect(report["unknownLink"]?.stringValue
                    == "the live DaemonSet names revision 1 with chain digest sha256:forged; the ledger's revision 1 has \(revision.chainDigest)")

            try annotate("dsledger.io/revision", "9")
            result = await cli.run(["drift", "agent"])
            #expect(result.code == 1)
            #expect(result.stdout.contains("! link not in the ledger: the live DaemonSet names revision 9, which the ledger does not have\n"),
                    "\(result.stdout)")
        }
    }
}
