import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import PostgresTestSupport
import Testing
import TestSupport

/// `regenerate` and `rollback` refuse (exit 6, nothing printed or applied) a revision whose
/// stored objects were edited in the database, on both stores, as the built executable.
@Suite(.serialized) struct RevisionCheckTests {
    enum Store: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgresql
        var testDescription: String { rawValue }
    }

    /// A ledger of one store: what the executable is given to use it, and a way to edit it as
    /// someone who can write the database would (the append-only guards dropped first).
    struct TamperableLedger {
        var store: Store
        var environment: [String: String]
        var tamper: (String) throws -> String
    }

    static func ledger(_ store: Store) throws -> TamperableLedger {
        switch store {
        case .sqlite:
            let path = TemporaryFolder.make().appendingPathComponent("ledger.db").path
            return TamperableLedger(store: store, environment: ["DSLEDGER_DB": path, "DSLEDGER_AUTHOR": "test"]) { sql in
                let result = try Subprocess.run("sqlite3", ["-bail", "-cmd", ".timeout 5000", path],
                                                stdin: "DROP TRIGGER IF EXISTS object_is_immutable_update;\n" + sql)
                #expect(result.status == 0, "\(result.stderr)")
                return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        case .postgresql:
            let (server, database, environment) = try TeamLedgerTests.teamLedger()
            return TamperableLedger(store: store, environment: environment) { sql in
                try server.psql("ALTER TABLE object DISABLE TRIGGER USER;\n" + sql, database: database)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }

    /// Replaces revision 2's DaemonSet (stored as a delta against revision 1's) with a delta that
    /// puts a backdoor image in; returns how many rows changed.
    static func backdoorDelta(_ ledger: TamperableLedger) throws -> String {
        let delta = #"[["/spec/template/spec/containers/0/image","evil.example.com/backdoor:1.0"]]"#
        switch ledger.store {
        case .sqlite:
            return try ledger.tamper("""
                UPDATE object SET encoding = 2, body = CAST('\(delta)' AS BLOB) WHERE kind = 'DaemonSet' AND baseId IS NOT NULL;
                SELECT changes();
                """)
        case .postgresql:
            return try ledger.tamper("""
                WITH changed AS (UPDATE object SET encoding = 2, body = convert_to('\(delta)', 'UTF8')
                                 WHERE kind = 'DaemonSet' AND base_digest IS NOT NULL RETURNING 1)
                SELECT count(*) FROM changed;
                """)
        }
    }

    /// Replaces the ConfigMap's whole body (both revisions hold it); returns how many rows changed.
    static func forgedConfigMap(_ ledger: TamperableLedger) throws -> String {
        let forged = #"{"apiVersion":"v1","data":{"agent-config":"level = debug"},"kind":"ConfigMap","metadata":{"name":"agent-config","namespace":"ops"}}"#
        switch ledger.store {
        case .sqlite:
            return try ledger.tamper("""
                UPDATE object SET encoding = 0, body = CAST('\(forged)' AS BLOB) WHERE kind = 'ConfigMap';
                SELECT changes();
                """)
        case .postgresql:
            return try ledger.tamper("""
                WITH changed AS (UPDATE object SET encoding = 0, body = convert_to('\(forged)', 'UTF8')
                                 WHERE kind = 'ConfigMap' RETURNING 1)
                SELECT count(*) FROM changed;
                """)
        }
    }

    /// Records two revisions (tags 1.0 and 2.0) through the executable.
    static func twoRevisions(_ ledger: TamperableLedger) throws {
        for tag in ["1.0", "2.0"] {
            let result = try BuiltBinary.run(["render", "-f", "-"], stdin: AgentManifest.yaml(tag: tag), environment: ledger.environment)
            #expect(result.code == 0, "\(result.stderr)")
        }
    }

    @Test(arguments: Store.allCases) func regenerateRefusesAnEditedDeltaAndPrintsNothing(store: Store) throws {
        let ledger = try Self.ledger(store)
        try Self.twoRevisions(ledger)
        let before = try BuiltBinary.run(["regenerate", "agent", "2"], environment: ledger.environment)
        #expect(before.code == 0 && String(decoding: before.stdout, as: UTF8.self).contains("registry.example.com/agent:2.0"))
        #expect(try Self.backdoorDelta(ledger) == "1")

        let result = try BuiltBinary.run(["regenerate", "agent", "2"], environment: ledger.environment)
        #expect(result.code == 6)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("dsledger: error: ledger damaged: ops/agent revision 2: stored object sha256:"), "\(result.stderr)")
        #expect(result.stderr.contains("(DaemonSet ops/agent) does not match its digest"))
        #expect(!result.stderr.contains("evil.example.com"))
        // Revision 1 holds the delta's base, untouched: it is still given.
        #expect(try BuiltBinary.run(["regenerate", "agent", "1"], environment: ledger.environment).code == 0)
    }

    @Test(arguments: Store.allCases) func regenerateRefusesAnEditedWholeBody(store: Store) throws {
        let ledger = try Self.ledger(store)
        try Self.twoRevisions(ledger)
        #expect(try Self.forgedConfigMap(ledger) == "1")
        for number in ["1", "2"] {
            let result = try BuiltBinary.run(["regenerate", "agent", number, "-o", "json"], environment: ledger.environment)
            #expect(result.code == 6 && result.stdout.isEmpty)
            #expect(result.stderr.contains("ops/agent revision \(number): stored object sha256:"), "\(result.stderr)")
            #expect(result.stderr.contains("(ConfigMap ops/agent-config) does not match its digest"))
        }
    }

    @Test(arguments: Store.allCases) func rollbackRefusesAnEditedObjectAndAppliesNothing(store: Store) async throws {
        let ledger = try Self.ledger(store)
        try await withAPIServer { running in
            var cli = clusterHarness(running)
            let files = try [("1.0", "a.yaml"), ("2.0", "b.yaml")].map { try cli.manifest(AgentManifest.yaml(tag: $0.0), named: $0.1) }
            cli.environment.merge(ledger.environment) { _, new in new }
            for file in files {
                let applied = await cli.run(["apply", "-f", file])
                #expect(applied.code == 0, "\(applied.stderr)")
            }
            let objects = running.agentObjects
            let requests = running.requests.count
            // Revision 2's own delta is made into a backdoor; rolling back to 2 must refuse it,
            // and rolling back to 1 must refuse the ConfigMap forged for both.
            #expect(try Self.backdoorDelta(ledger) == "1")
            var result = try BuiltBinary.run(["rollback", "agent", "2"], environment: cli.environment)
            #expect(result.code == 6, "\(result.stderr)")
            #expect(result.stderr.contains("ledger damaged: ops/agent revision 2: stored object sha256:"))
            // A preview checks REV as the rollback does.
            result = try BuiltBinary.run(["rollback", "agent", "2", "--diff"], environment: cli.environment)
            #expect(result.code == 6 && result.stdout.isEmpty, "\(result.stderr)")
            #expect(try Self.forgedConfigMap(ledger) == "1")
            result = try BuiltBinary.run(["rollback", "agent", "1", "--secret", "TOKEN=s3cret-one"], environment: cli.environment)
            #expect(result.code == 6 && result.stdout.isEmpty, "\(result.stderr)")
            #expect(result.stderr.contains("(ConfigMap ops/agent-config) does not match its digest"))

            #expect(running.requests.count == requests, "not one request reached the cluster")
            #expect(running.agentObjects == objects)
            #expect(running.agentImage == "registry.example.com/agent:2.0")
            let history = try BuiltBinary.run(["history", "agent", "-o", "json"], environment: cli.environment)
            #expect(String(decoding: history.stdout, as: UTF8.self).components(separatedBy: "\"rollback\"").count == 1,
                    "a refused rollback records nothing")
        }
    }
}

extension RunningAPIServer {
    /// The stored objects of the agent release: its Namespace, ConfigMap, Secret and DaemonSet.
    var agentObjects: [JSONValue?] {
        [server.storedObject(apiVersion: "v1", kind: "Namespace", name: "ops"),
         server.storedObject(apiVersion: "v1", kind: "ConfigMap", namespace: "ops", name: "agent-config"),
         server.storedObject(apiVersion: "v1", kind: "Secret", namespace: "ops", name: "agent-env-secrets"), agent]
    }
}
