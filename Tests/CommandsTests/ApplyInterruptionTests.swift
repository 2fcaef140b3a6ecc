import APIServerEmulator
import EmulatorTestSupport
import Foundation
import Ledger
import PostgresTestSupport
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
            let apply = try Self.start(cli, tag: "2.0", extra: ["--lock-duration", "10", "--lock-timeout", "0"])
            #expect(await apply.waitFor(Self.waiting), "\(apply.stderr)")
            apply.send(SIGKILL)
            #expect(await apply.finish() == -SIGKILL)

            // Its Lease is still held: the next apply is refused, naming the holder.
            let third = try cli.manifest(AgentManifest.yaml(tag: "3.0"), named: "c.yaml")
            var result = await cli.run(["apply", "-f", third, "--lock-timeout", "0"])
            #expect(result.code == 3 && result.stderr.contains("holds the lock"), "\(result.stderr)")

            let events = try await ApplyTraceTests.events(cli.database)
            #expect(events.map(\.draft.outcome) == [.started, .succeeded, .started, .started, .failed], "no outcome for the killed one")
            let until = try #require(events[2].inProgressUntil)
            var earlier = cli
            earlier.now = { until.addingTimeInterval(-1) }
            var later = cli
            later.now = { until.addingTimeInterval(1) }
            let cluster = { (harness: CLIHarness) async throws -> JSONValue? in
                let history = await harness.run(["history", "agent", "-o", "json"])
                return try JSONValue(parsingJSON: history.stdout).arrayValue?.first { $0["revision"] == 2 }?["cluster"]
            }
            #expect(try await cluster(earlier)?["outcome"] == "in-progress")
            #expect(try await cluster(later)?["outcome"] == "interrupted")
            let table = await later.run(["history", "agent"])
            #expect(table.stdout.contains("interrupted on emulator-token (\(running.url))"), "\(table.stdout)")
            let shown = await cli.run(["show", "agent", "applied"])
            #expect(shown.stdout.contains("agent:1.0"), "the interrupted revision 2 is never the applied one: \(shown.stdout)")

            // Once expired (10 s unrenewed), the next apply takes the Lease over.
            let lease = try #require(ApplyTraceTests.lease(running))
            let expiry = try #require(ReleaseLeaseExpiry.of(lease))
            try await Task.sleep(for: .milliseconds(Int64(max(0, expiry.timeIntervalSinceNow) * 1000) + 300))
            running.server.setRolloutPace(.immediate)
            result = await cli.run(["apply", "-f", third, "--lock-timeout", "0"])
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
        let cli = CLIHarness()
        try await Self.expectExit5(cli) {
            _ = try SQLiteShellCount.rows(cli.database, """
                CREATE TRIGGER refuse_events BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'the ledger refuses writes'); END;
                """)
        }
        _ = try SQLiteShellCount.rows(cli.database, "DROP TRIGGER refuse_events;")
        let events = try await ApplyTraceTests.events(cli.database)
        #expect(events.map(\.draft.outcome) == [.started])
    }

    /// The same on the team ledger: PostgreSQL refuses the outcome's INSERT.
    @Test func aTeamLedgerThatFailsAfterTheClusterChangedExits5() async throws {
        let (server, database) = try SharedPostgresServer.newDatabase()
        var cli = CLIHarness()
        cli.environment["DSLEDGER_DB"] = server.url(database: database)
        cli.environment["PGPASSWORD"] = server.password
        cli.environment["DSLEDGER_HMAC_KEY_FILE"] = TemporaryFolder.make().appendingPathComponent("team.key").path
        try await Self.expectExit5(cli) {
            _ = try server.psql("""
                CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the ledger refuses writes'; END $$;
                CREATE TRIGGER refuse_events BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION refuse_events();
                """, database: database)
        }
        #expect(try server.psql("SELECT string_agg(outcome, ',' ORDER BY id) FROM event WHERE context IS NOT NULL", database: database)
            == "started")
    }

    /// Runs `apply --wait` on a stalled rollout with `cli`'s ledger, breaks the ledger while it
    /// waits, and checks the exit 5 and its message.
    static func expectExit5(_ base: CLIHarness, breakLedger: () throws -> Void) async throws {
        try await withAPIServer { running in
            var cli = base
            cli.environment["KUBECONFIG"] = running.kubeconfigPath
            cli.environment["HOME"] = running.folder
            running.server.setRolloutPace(.stalled)
            let manifest = try CLIHarness().manifest(AgentManifest.yaml())
            // The timeout leaves the test time to break the ledger first, however busy the machine.
            let apply = try RunningBinary(["apply", "-f", manifest, "--wait", "--timeout", "4s", "--poll-interval", "0.1"],
                                          environment: cli.environment)
            #expect(await apply.waitFor(Self.waiting), "\(apply.stderr)")
            try breakLedger()
            #expect(await apply.finish() == 5, "\(apply.stderr)")
            #expect(apply.stderr.contains("dsledger: error: ops/agent revision 1 changed the cluster emulator-token (\(running.url)) "
                + "but the ledger could not record its outcome (timed-out): "), "\(apply.stderr)")
            #expect(apply.stderr.contains("the ledger refuses writes"))
            #expect(apply.stderr.contains("  applied: Namespace ops, ConfigMap ops/agent-config, Secret ops/agent-env-secrets, DaemonSet ops/agent\n"))
        }
    }
}

/// When a live Lease expires: `renewTime` plus `leaseDurationSeconds`.
enum ReleaseLeaseExpiry {
    static func of(_ lease: JSONValue) -> Date? {
        guard let renewed = lease.value(atMemberPath: "spec.renewTime")?.stringValue.flatMap(Timestamp.parse),
              let seconds = lease.value(atMemberPath: "spec.leaseDurationSeconds")?.intValue else { return nil }
        return renewed.addingTimeInterval(TimeInterval(seconds))
    }
}
