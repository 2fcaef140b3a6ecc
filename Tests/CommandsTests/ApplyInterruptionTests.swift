import APIServerEmulator
import EmulatorTestSupport
import Foundation
import Ledger
import ObjectModel
import Testing
import TestSupport

/// A real `dsledger apply` process killed, terminated, or losing its ledger mid-apply, against
/// the emulator: what the ledger and `history` say afterwards, and the exit codes.
@Suite(.serialized) struct ApplyInterruptionTests {
    static let waiting = "Waiting for daemon set \"agent\""

    /// A stalled rollout (the emulator never makes the pods ready) keeps `apply --wait` at work.
    static func start(_ cli: CLIHarness, tag: String, extra: [String] = []) throws -> RunningBinary {
        let manifest = try cli.manifest(AgentManifest.yaml(tag: tag), named: "agent-\(tag).yaml")
        return try RunningBinary(["apply", "-f", manifest, "--wait", "--timeout", "60s", "--poll-interval", "0.1"] + extra,
                                 environment: cli.environment)
    }

    @Test func aKilledApplyIsInProgressUntilItsLockExpiresThenInterruptedAndNeverApplied() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let first = try cli.manifest(AgentManifest.yaml())
            #expect(await cli.run(["apply", "-f", first]).code == 0)
            running.server.setRolloutPace(.stalled)
            let apply = try Self.start(cli, tag: "2.0", extra: ["--lock-duration", "2", "--lock-timeout", "0"])
            #expect(await apply.waitFor(Self.waiting), "\(apply.stderr)")
            apply.send(SIGKILL)
            #expect(await apply.finish() == -SIGKILL)

            let events = try await ApplyTraceTests.events(cli.database)
            #expect(events.map(\.draft.outcome) == [.started, .succeeded, .started], "no outcome for the killed one")
            let until = try #require(events.last?.inProgressUntil)
            #expect(try await ApplyTraceTests.newestCluster(cli)?["outcome"] == "in-progress")
            var later = cli
            later.now = { until.addingTimeInterval(1) }
            #expect(try await ApplyTraceTests.newestCluster(later)?["outcome"] == "interrupted")
            let table = await later.run(["history", "agent"])
            #expect(table.stdout.contains("interrupted on emulator-token (\(running.url))"), "\(table.stdout)")
            let shown = await cli.run(["show", "agent", "applied"])
            #expect(shown.stdout.contains("agent:1.0"), "the interrupted revision 2 is never the applied one: \(shown.stdout)")

            // Its Lease is still held; once expired (2 s unrenewed), the next apply takes it over.
            #expect(ApplyTraceTests.lease(running)?.value(atMemberPath: "spec.holderIdentity")?.stringValue?.contains("operation") == true)
            running.server.setRolloutPace(.immediate)
            var result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "3.0"), named: "c.yaml"), "--lock-timeout", "0"])
            #expect(result.code == 3 && result.stderr.contains("holds the lock"), "\(result.stderr)")
            try await Task.sleep(for: .milliseconds(2500))
            result = await cli.run(["apply", "-f", try cli.manifest(AgentManifest.yaml(tag: "3.0"), named: "c.yaml"), "--lock-timeout", "0"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(ApplyTraceTests.lease(running)?.value(atMemberPath: "spec.leaseTransitions") == 2)
        }
    }

    @Test func sigtermCancelsTheApplyRecordsCancelledWithWhatWasAppliedAndFreesTheLease() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            running.server.setRolloutPace(.stalled)
            let apply = try Self.start(cli, tag: "1.0")
            #expect(await apply.waitFor(Self.waiting), "\(apply.stderr)")
            apply.send(SIGTERM)
            #expect(await apply.finish() == 143, "\(apply.stderr)")
            #expect(apply.stderr.contains("dsledger: error: cancelled by SIGTERM: ops/agent revision 1 is recorded as cancelled on context 'emulator-token'"))
            #expect(apply.stderr.contains("  applied: Namespace ops, ConfigMap ops/agent-config, Secret ops/agent-env-secrets, DaemonSet ops/agent\n"))
            let events = try await ApplyTraceTests.events(cli.database)
            #expect(events.map(\.draft.outcome) == [.started, .cancelled])
            #expect(events.last?.draft.detail?["cancelledBy"] == "SIGTERM")
            #expect(events.last?.draft.detail?["applied"]?.arrayValue?.count == 4)
            #expect(try await ApplyTraceTests.newestCluster(cli)?["outcome"] == "cancelled")
            #expect(ApplyTraceTests.lease(running) != nil && ApplyTraceTests.lease(running)?.value(atMemberPath: "spec.holderIdentity") == nil)
        }
    }

    /// The ledger refuses the outcome after the cluster changed (a trigger added while the apply
    /// waits, as a DBA's change or a full disk would): exit 5, saying what was applied.
    @Test func aLedgerThatFailsAfterTheClusterChangedExits5SayingWhatWasApplied() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            running.server.setRolloutPace(.stalled)
            let manifest = try cli.manifest(AgentManifest.yaml())
            let apply = try RunningBinary(["apply", "-f", manifest, "--wait", "--timeout", "1s", "--poll-interval", "0.1"],
                                          environment: cli.environment)
            #expect(await apply.waitFor(Self.waiting), "\(apply.stderr)")
            _ = try SQLiteShellCount.rows(cli.database, """
                CREATE TRIGGER refuse_events BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'the ledger refuses writes'); END;
                """)
            #expect(await apply.finish() == 5, "\(apply.stderr)")
            #expect(apply.stderr.contains("dsledger: error: ops/agent revision 1 changed the cluster emulator-token (\(running.url)) "
                + "but the ledger could not record its outcome (timed-out): "))
            #expect(apply.stderr.contains("the ledger refuses writes"))
            #expect(apply.stderr.contains("  applied: Namespace ops, ConfigMap ops/agent-config, Secret ops/agent-env-secrets, DaemonSet ops/agent\n"))
            _ = try SQLiteShellCount.rows(cli.database, "DROP TRIGGER refuse_events;")
            let events = try await ApplyTraceTests.events(cli.database)
            #expect(events.map(\.draft.outcome) == [.started])
        }
    }
}
