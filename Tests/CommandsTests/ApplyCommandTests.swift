import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

@Suite(.serialized) struct ApplyCommandTests {
    @Test func applyChangeApplyRollbackKeepsStoreAndClusterInStep() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let first = try cli.manifest(AgentManifest.yaml())
            var result = await cli.run(["apply", "-f", first])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.contains("namespace/ops serverside-applied"))
            #expect(result.stdout.hasSuffix("daemonset.apps/agent serverside-applied\n"))
            #expect(result.stderr.contains("applied ops/agent revision 1 to context 'emulator-token' (\(running.url))"))
            #expect(running.agentImage == "registry.example.com/agent:1.0")
            #expect(running.agentAnnotation("dsledger.io/revision") == "1")
            #expect(running.agentAnnotation("dsledger.io/content-digest")?.hasPrefix("sha256:") == true)
            #expect(running.agent?.value(atMemberPath: "spec.template.metadata.annotations")?["dsledger.io/revision"] == nil)
            let managers = running.agent?.value(atMemberPath: "metadata.managedFields")?.arrayValue?.compactMap { $0["manager"]?.stringValue }
            #expect(managers?.contains("dsledger") == true)

            let second = try cli.manifest(AgentManifest.yaml(tag: "2.0", token: "s3cret-two"), named: "agent-2.yaml")
            result = await cli.run(["apply", "-f", second])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(running.agentImage == "registry.example.com/agent:2.0")
            #expect(running.agentAnnotation("dsledger.io/revision") == "2")

            result = await cli.run(["rollback", "agent", "1", "--secrets-from", first])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stderr.contains("rolled back ops/agent revision 3"))
            #expect(running.agentImage == "registry.example.com/agent:1.0")
            #expect(running.agentAnnotation("dsledger.io/revision") == "3")
            let secret = running.server.storedObject(apiVersion: "v1", kind: "Secret", namespace: "ops", name: "agent-env-secrets")
            #expect(secret?["data"]?["TOKEN"]?.stringValue == Data("s3cret-one".utf8).base64EncodedString())

            result = await cli.run(["history", "agent", "-o", "json"])
            let history = try JSONValue(parsingJSON: result.stdout).arrayValue ?? []
            #expect(history.map { $0["action"]?.stringValue } == ["rollback", "apply", "apply"])
            #expect(history.first?["restoredFrom"] == .int(1))
            #expect(history.map { $0.value(atMemberPath: "cluster.outcome")?.stringValue } == ["succeeded", "succeeded", "succeeded"])
            #expect(history.first?.value(atMemberPath: "cluster.context")?.stringValue == "emulator-token")
            result = await cli.run(["diff", "agent", "1", "3"])
            #expect(result.code == 0, "revision 3 restores revision 1's content: \(result.stdout)")
            result = await cli.run(["show", "agent", "applied"])
            #expect(result.code == 0 && result.stdout.contains("agent:1.0"), "\(result.stderr)")
            #expect(!(try String(contentsOfFile: cli.database, encoding: .isoLatin1)).contains("s3cret-one"))
        }
    }

    @Test func rollbackReusesLiveSecretsThatStillMatchAndRefusesOthersWithoutTheirValue() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            _ = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            _ = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml")])
            var result = await cli.run(["rollback", "agent", "1"])
            #expect(result.code == 0, "the live TOKEN still hashes to revision 1's: \(result.stderr)")

            _ = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "3.0", token: "rotated"), named: "c.yaml")])
            result = await cli.run(["rollback", "agent", "1"])
            #expect(result.code == 2)
            #expect(result.stderr == "dsledger: error: no value for 'TOKEN' (Secret agent-env-secrets): the live value no longer matches revision 1's; supply it with --secret-env KEY, --secrets-from FILE (- for standard input) or --docker-config FILE\n")
            result = await cli.run(["rollback", "agent", "1", "--secret", "TOKEN=wrong"])
            #expect(result.code == 2)
            #expect(result.stderr.contains("'TOKEN'") && !result.stderr.contains("wrong"))
            result = await cli.run(["history", "agent", "-o", "json"])
            #expect((try JSONValue(parsingJSON: result.stdout).arrayValue ?? []).count == 4, "failed rollbacks record nothing")
        }
    }

    @Test func dryRunAsksTheServerAndRecordsNothing() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--dry-run=server"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.contains("namespace/ops serverside-applied (server dry run)"))
            #expect(result.stdout.contains("daemonset.apps/agent not checked: namespace ops does not exist yet (server dry run)"))
            try running.createNamespace("ops")
            let again = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--dry-run=server"])
            #expect(again.code == 0, "\(again.stderr)")
            #expect(again.stdout.contains("daemonset.apps/agent serverside-applied (server dry run)"))
            #expect(running.agent == nil)
            #expect(running.requests.contains { $0.query.contains { $0.name == "dryRun" && $0.value == "All" } })
            #expect(await cli.run(["history", "agent"]).code == 2)
        }
    }

    @Test func aConflictNamesTheOtherManagerAndIsRecordedAsFailedUntilForced() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            _ = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            let patch = try running.kubectl("set", "image", "-n", "ops", "daemonset/agent", "daemonset-container=registry.example.com/agent:hotfix")
            #expect(patch.status == 0, "\(patch.stderr)")
            var result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml")])
            #expect(result.code == 3)
            #expect(result.stderr.contains("DaemonSet ops/agent"))
            #expect(result.stderr.contains("is managed by 'kubectl-set'"))
            #expect(result.stderr.contains("--force-conflicts"))
            #expect(result.stderr.contains("not applied") == false, "the DaemonSet is last: nothing after it")
            #expect(running.agentImage == "registry.example.com/agent:hotfix")
            result = await cli.run(["history", "agent", "-o", "json"])
            #expect((try JSONValue(parsingJSON: result.stdout).arrayValue)?.first?.value(atMemberPath: "cluster.outcome") == "failed")

            result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml"), "--force-conflicts"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(running.agentImage == "registry.example.com/agent:2.0")
        }
    }

    @Test func objectsNoLongerRenderedAreListedAndDeletedOnlyWithPrune() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            _ = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            let configMap = { running.server.storedObject(apiVersion: "v1", kind: "ConfigMap", namespace: "ops", name: "agent-config") }
            #expect(configMap() != nil)
            let without = try cli.manifest(AgentManifest.yaml(config: nil), named: "b.yaml")
            var result = await cli.run(["apply", "-f", without])
            #expect(result.code == 0)
            #expect(result.stderr.contains("warning: ConfigMap ops/agent-config is in the cluster with this release's labels but no longer rendered; delete it with --prune"))
            #expect(configMap() != nil)
            result = await cli.run(["apply", "-f", without, "--prune"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.contains("configmap/agent-config pruned"))
            #expect(configMap() == nil)
        }
    }

    @Test func waitFollowsTheRolloutAndATimeoutIsRecordedAndExitsFour() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            running.server.setRolloutPace(.onePerRead)
            var result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--wait", "--poll-interval", "0.01"])
            #expect(result.code == 0, "\(result.stderr)")
            // Each read of the DaemonSet moves the emulated rollout one node on.
            #expect(result.stderr.contains("Waiting for daemon set \"agent\" rollout to finish: 2 out of 3 new pods have been updated..."))
            #expect(result.stderr.contains("daemon set \"agent\" successfully rolled out (3 of 3 pods available)"))

            running.server.setRolloutPace(.stalled)
            result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml"),
                                    "--wait", "--timeout", "300ms", "--poll-interval", "0.05"])
            #expect(result.code == 4)
            #expect(result.stderr.contains("did not finish within the timeout"))
        }
    }

    @Test func anUnreachableClusterIsRecordedAsAFailedApply() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            running.server.injectFaults(Array(repeating: .unauthorized, count: 1))
            // Without the lock, the first request is the Namespace's apply.
            let result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--no-lock"])
            #expect(result.code == 3)
            #expect(result.stderr.contains("Namespace ops"))
            #expect(result.stderr.contains("applied: nothing"))
            #expect(result.stderr.contains("not applied: ConfigMap ops/agent-config"))
            #expect(running.agent == nil)
        }
    }

    @Test func aPartialFailureSaysWhatDidAndDidNotApplyAndIsRecordedAsFailed() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let squatter = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: ops}
                spec:
                  selector: {matchLabels: {app: squatter}}
                  template:
                    metadata: {labels: {app: squatter}}
                    spec: {containers: [{name: c, image: busybox}]}
                """
            try running.createNamespace("ops")
            let created = try running.kubectl("apply", "--server-side", "-f", "-", stdin: squatter)
            #expect(created.status == 0, "\(created.stderr)")
            let result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            #expect(result.code == 3)
            #expect(result.stderr.contains("dsledger: error: DaemonSet ops/agent: "))
            #expect(result.stderr.contains("field is immutable"))
            #expect(result.stderr.contains("  applied: Namespace ops, ConfigMap ops/agent-config, Secret ops/agent-env-secrets\n"))
            #expect(result.stderr.contains("  ops/agent revision 1 is recorded as failed on this cluster"))
            let history = await cli.run(["history", "agent", "-o", "json"])
            let latest = try JSONValue(parsingJSON: history.stdout).arrayValue?.first
            #expect(latest?.value(atMemberPath: "cluster.outcome") == "failed")
            #expect(await cli.run(["show", "agent", "applied"]).code == 2, "a failed apply is never the applied revision")
        }
    }

    @Test func transientFaultsAreRetriedAndTheContextIsRecorded() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            running.server.injectFaults([.tooManyRequests(retryAfterSeconds: 1), .internalError, .gatewayTimeout, .dropConnection])
            let result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--context", "emulator-cert"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(running.server.pendingFaults == 0)
            #expect(running.agentImage == "registry.example.com/agent:1.0")
            let history = await cli.run(["history", "agent"])
            #expect(history.stdout.contains("applied to emulator-cert"))
            #expect(await cli.run(["show", "agent", "applied"]).code == 2, "nothing was applied to the current context")
        }
    }
}
