import APIServerEmulator
import EmulatorTestSupport
import Foundation
import History
import Ledger
import ObjectModel
import Testing
import TestSupport

/// An apply leaves a trace: `started` before its first request, then its outcome as a second
/// event of the same operation; killed, it shows as in progress then interrupted; cancelled by
/// SIGTERM, it says so; and when the ledger fails after the cluster changed, exit 5.
@Suite(.serialized) struct ApplyTraceTests {
    /// The cluster events of applies and rollbacks of `ops/agent` (not the recording of their
    /// revisions), oldest first.
    static func events(_ database: String) async throws -> [Event] {
        let store = try SQLiteRevisionStore.open(path: database, create: false)
        let events = try await store.events(of: ReleaseID(namespace: "ops", name: "agent"), kinds: [EventKind.apply, EventKind.rollback],
                                            limit: 100)
        await store.close()
        return events.reversed().filter { $0.draft.cluster != nil }
    }

    static func lease(_ running: RunningAPIServer) -> JSONValue? {
        running.server.storedObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "ops", name: "dsledger-agent")
    }

    /// The `cluster` member of the newest revision in `history -o json`.
    static func newestCluster(_ cli: CLIHarness) async throws -> JSONValue? {
        let history = await cli.run(["history", "agent", "-o", "json"])
        return try JSONValue(parsingJSON: history.stdout).arrayValue?.first?["cluster"]
    }

    /// The environment of a child dsledger on the harness's ledger and the emulator.
    static func environment(_ cli: CLIHarness) -> [String: String] {
        cli.environment
    }

    @Test func anApplyRecordsStartedThenItsOutcomeUnderOneOperationAndHoldsTheLease() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            #expect(result.code == 0, "\(result.stderr)")
            let events = try await Self.events(cli.database)
            #expect(events.map(\.draft.outcome) == [.started, .succeeded])
            let operation = try #require(events.first?.operation)
            #expect(events.last?.operation == operation)
            #expect(events.first?.inProgressUntil != nil)
            #expect(events.first?.draft.detail?["lock"]?["name"] == "dsledger-agent")
            #expect(events.last?.draft.detail?["applied"]?.arrayValue?.count == 4)
            // The Lease was created after the Namespace, and released at the end.
            let lease = try #require(Self.lease(running))
            #expect(lease.value(atMemberPath: "spec.holderIdentity") == nil)
            let writes = running.requests.filter { $0.method != "GET" && $0.responseStatus < 300 }.map(\.path)
            #expect(writes.first == "/api/v1/namespaces/ops")
            #expect(writes.dropFirst().first == "/apis/coordination.k8s.io/v1/namespaces/ops/leases")
            #expect(writes.last == "/apis/coordination.k8s.io/v1/namespaces/ops/leases/dsledger-agent")
            let leases = try running.kubectl("get", "leases", "-n", "ops")
            #expect(String(decoding: leases.stdout, as: UTF8.self).contains("dsledger-agent"), "\(leases.stderr)")
        }
    }

    @Test func withoutPermissionOnLeasesTheApplyFailsClearlyUnlessNoLockWhichIsRecorded() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            try running.createNamespace("ops")
            running.server.forbid(["leases"])
            var result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml())])
            #expect(result.code == 3)
            #expect(result.stderr.contains("dsledger: error: cannot take the lock (Lease ops/dsledger-agent): "))
            #expect(result.stderr.contains("is forbidden"))
            #expect(result.stderr.contains("or apply with --no-lock"))
            #expect(running.agent == nil, "nothing applied")
            #expect(try await Self.newestCluster(cli)?["outcome"] == "failed")

            result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--no-lock"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(running.agent != nil)
            let events = try await Self.events(cli.database)
            #expect(events.suffix(2).map { $0.draft.detail?["noLock"] } == [true, true])
            #expect(events.suffix(2).map(\.draft.outcome) == [.started, .succeeded])
        }
    }

    @Test func anotherHoldersLiveLeaseStopsTheApplyNamingTheHolder() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            try running.createNamespace("ops")
            let now = Timestamp.format(Date()).dropLast() + "000Z"
            let lease = #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"dsledger-agent"},"#
                + #""spec":{"holderIdentity":"ci-runner-7","leaseDurationSeconds":600,"renewTime":"\#(now)"}}"#
            _ = try running.curl(arguments: ["-X", "POST", "-H", "Content-Type: application/json", "--data", lease,
                                             running.url + "/apis/coordination.k8s.io/v1/namespaces/ops/leases"])
            let result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml()), "--lock-timeout", "0"])
            #expect(result.code == 3)
            #expect(result.stderr.contains("another apply of this release holds the lock (Lease ops/dsledger-agent): ci-runner-7, until "))
            #expect(running.agent == nil)
            #expect(Self.lease(running)?.value(atMemberPath: "spec.holderIdentity") == "ci-runner-7")
        }
    }

    /// Two ledgers (two CI runners, two tokens) apply one release at once: the second waits for
    /// the first's Lease, and their object writes never interleave.
    @Test func twoConcurrentAppliesOfOneReleaseNeverInterleave() async throws {
        try await withAPIServer { running in
            let first = clusterHarness(running)
            let initial = try first.manifest(AgentManifest.yaml())
            #expect(await first.run(["apply", "-f", initial]).code == 0)
            running.server.acceptTokens([running.server.token, "second-runner-token"])
            let secondConfig = running.folder + "/second-kubeconfig"
            try running.server.kubeconfig.replacingOccurrences(of: running.server.token, with: "second-runner-token")
                .write(toFile: secondConfig, atomically: true, encoding: .utf8)
            var second = clusterHarness(running)
            second.environment["KUBECONFIG"] = secondConfig
            running.server.setRolloutPace(.stalled)
            let before = running.requests.count

            let twoFile = try first.manifest(AgentManifest.yaml(tag: "2.0"), named: "two.yaml")
            let threeFile = try second.manifest(AgentManifest.yaml(tag: "3.0"), named: "three.yaml")
            async let one = first.run(["apply", "-f", twoFile, "--wait", "--timeout", "1500ms", "--poll-interval", "0.05"])
            // The second starts once the first holds the Lease.
            while Self.lease(running)?.value(atMemberPath: "spec.holderIdentity") == nil { try await Task.sleep(for: .milliseconds(20)) }
            async let two = second.run(["apply", "-f", threeFile, "--poll-interval", "0.05"])
            let (a, b) = await (one, two)
            #expect(a.code == 4, "the first times out on its stalled rollout: \(a.stderr)")
            #expect(b.code == 0, "\(b.stderr)")
            #expect(b.stderr.contains("waiting for the lock Lease ops/dsledger-agent: held by test <test@example.com> on "))
            #expect(running.agentImage == "registry.example.com/agent:3.0")
            let writers = running.requests.dropFirst(before).filter { $0.method == "PATCH" }.map { request in
                request.headers["authorization"] == "Bearer second-runner-token" ? "B" : "A"
            }
            #expect(writers.count == 8)
            #expect(writers == Array(repeating: "A", count: 4) + Array(repeating: "B", count: 4), "\(writers)")
        }
    }

    /// `default` names many clusters: the same context name on two API servers keeps its own last applied.
    @Test func theSameContextNameOnTwoServersKeepsItsOwnAppliedRevision() async throws {
        try await withAPIServer { one in
            try await withAPIServer { two in
                var cli = clusterHarness(one)
                let first = try cli.manifest(AgentManifest.yaml())
                #expect(await cli.run(["apply", "-f", first]).code == 0)
                cli.environment["KUBECONFIG"] = two.kubeconfigPath
                let second = try cli.manifest(AgentManifest.yaml(tag: "2.0"), named: "b.yaml")
                #expect(await cli.run(["apply", "-f", second]).code == 0)
                var shown = await cli.run(["show", "agent", "applied"])
                #expect(shown.stdout.contains("agent:2.0"), "\(shown.stderr)")
                cli.environment["KUBECONFIG"] = one.kubeconfigPath
                shown = await cli.run(["show", "agent", "applied"])
                #expect(shown.stdout.contains("agent:1.0") && !shown.stdout.contains("agent:2.0"), "\(shown.stderr)")
                let drift = await cli.run(["drift", "agent"])
                #expect(drift.code == 0, "revision 1 is what server one runs: \(drift.stdout)\(drift.stderr)")
                let history = await cli.run(["history", "agent"])
                #expect(history.stdout.contains("applied to emulator-token (\(one.url))"))
                #expect(history.stdout.contains("applied to emulator-token (\(two.url))"))
            }
        }
    }
}
