import Foundation
import PostgresTestSupport
import Testing
import TestSupport

/// A team ledger's server down, stalled, refusing the password, or asking for TLS: one message
/// naming the server, exit 2, nothing recorded, never a hang.
@Suite struct TeamLedgerFailureTests {
    static func environment(_ url: String, password: String) -> [String: String] {
        ["DSLEDGER_DB": url, "PGPASSWORD": password,
         "DSLEDGER_HMAC_KEY_FILE": TemporaryFolder.make().appendingPathComponent("team.key").path]
    }

    @Test func aWrongPasswordIsExitTwoNamingTheServerAndNeverThePassword() throws {
        let server = try SharedPostgresServer.running()
        let url = "postgresql://\(server.user)@\(server.host):\(server.port)/\(server.database)?sslmode=disable"
        let environment = Self.environment(url, password: "wrong-password-42")
        let result = try BuiltBinary.run(["history", "agent"], environment: environment)
        #expect(result.code == 2)
        #expect(result.stderr.contains("\(server.host):\(server.port)") && result.stderr.contains("refused user '\(server.user)'"), "\(result.stderr)")
        #expect(!result.stderr.contains("wrong-password-42") && !result.stderr.contains(server.password))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aPasswordInTheURLWorksWithAWarningAndIsRedactedEverywhere() throws {
        let (server, database) = try SharedPostgresServer.newDatabase()
        let url = server.url(database: database)
        var environment = Self.environment(url, password: "")
        environment["PGPASSWORD"] = nil
        let result = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: a password in the ledger URL is visible to other users"))
        let verify = try BuiltBinary.run(["verify"], environment: environment)
        #expect(String(decoding: verify.stdout, as: UTF8.self).contains(":***@"))
        #expect(!(String(decoding: verify.stdout, as: UTF8.self) + verify.stderr + result.stderr).contains(server.password))
    }

    @Test func aServerThatIsDownIsExitTwoNamingHostAndPortAndRecordsNothing() async throws {
        try await withPostgresServer { server in
            let environment = Self.environment(server.url(), password: server.password)
            #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment).code == 0)
            server.stop()
            let started = Date()
            let result = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.1"), environment: environment)
            #expect(result.code == 2)
            #expect(result.stderr.contains("cannot reach the ledger's server at \(server.host):\(server.port)"), "\(result.stderr)")
            #expect(Date().timeIntervalSince(started) < 10)
            try server.restart()
            #expect(try server.psql("SELECT count(*) FROM revision") == "1")
        }
    }

    @Test func aStalledServerIsATimeoutNotAHang() async throws {
        try await withPostgresServer { server in
            var environment = Self.environment(server.url(), password: server.password)
            #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment).code == 0)
            environment["DSLEDGER_DB_TIMEOUT"] = "2"
            environment["PGCONNECT_TIMEOUT"] = "2"
            // Stop the postmaster and every backend: the server accepts nothing and answers nothing.
            let postmaster = try #require(Int32(try String(contentsOf: server.folder.appendingPathComponent("data/postmaster.pid"), encoding: .utf8)
                .split(separator: "\n").first.map(String.init) ?? ""))
            let backends = try Subprocess.run("pgrep", ["-P", "\(postmaster)"]).stdout
            let children = String(decoding: backends, as: UTF8.self).split(separator: "\n").compactMap { Int32($0) }
            for process in [postmaster] + children { kill(process, SIGSTOP) }
            defer { for process in [postmaster] + children { kill(process, SIGCONT) } }
            let started = Date()
            let result = try BuiltBinary.run(["history", "agent"], environment: environment)
            #expect(result.code == 2, "\(result.stderr)")
            #expect(result.stderr.contains("\(server.host):\(server.port)"))
            #expect(Date().timeIntervalSince(started) < 15)
        }
    }

    @Test func aLedgerURLIsNeverTakenForAFileName() throws {
        let folder = TemporaryFolder.make()
        for url in ["postgresql://nobody@127.0.0.1:1/ledger", "postgres://nobody@127.0.0.1:1/ledger"] {
            let result = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"),
                                             environment: Self.environment(url, password: "x").merging(["HOME": folder.path]) { $1 })
            #expect(result.code == 2 && result.stderr.contains("cannot reach the ledger's server at 127.0.0.1:1"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: CLIHarness.root.appendingPathComponent("postgresql:").path))
        #expect(!FileManager.default.fileExists(atPath: CLIHarness.root.appendingPathComponent("postgres:").path))
        let other = try BuiltBinary.run(["history", "agent"], environment: ["DSLEDGER_DB": "mysql://db/ledger"])
        #expect(other.code == 2 && other.stderr.contains("unsupported ledger URL scheme 'mysql'"), "\(other.stderr)")
    }
}

extension TeamLedgerFailureTests {
    @Test func aRunnerOlderThanTheLedgersOldestWriterReadsButDoesNotWrite() throws {
        let (server, database, environment) = try TeamLedgerTests.teamLedger()
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment).code == 0)
        // A newer dsledger added a migration this one does not know, additively.
        try server.psql("CREATE TABLE schema_migration_probe (x int); INSERT INTO schema_migration (id) VALUES ('0099_from_the_future');",
                        database: database)
        #expect(try BuiltBinary.run(["history", "agent"], environment: environment).code == 0)
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.1"), environment: environment).code == 0)
        // It then says older runners may no longer write.
        try server.psql("UPDATE setting SET value = '99.0.0' WHERE name = 'oldest-writer';", database: database)
        let refused = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.2"), environment: environment)
        #expect(refused.code == 2 && refused.stderr.contains("dsledger 99.0.0 or newer must write this ledger"), "\(refused.stderr)")
        #expect(try BuiltBinary.run(["history", "agent"], environment: environment).code == 0)
        #expect(try BuiltBinary.run(["verify"], environment: environment).code == 0)
        // And one that older runners may not even read.
        try server.psql("INSERT INTO setting (name, value) VALUES ('oldest-reader', '99.0.0');", database: database)
        let unreadable = try BuiltBinary.run(["history", "agent"], environment: environment)
        #expect(unreadable.code == 2 && unreadable.stderr.contains("written by a newer dsledger (schema '0099_from_the_future')"))
        #expect(try server.psql("SELECT count(*) FROM revision", database: database) == "2")
    }
}

extension TeamLedgerFailureTests {
    /// A team ledger of schema 2 (keyed links, no change records) written by dsledger 0.2.0: the
    /// migration to change records raises `oldest-writer` to 0.3.0, so runners that would write
    /// plain links or ignore the ticket policy can no longer write.
    @Test func theChangeRecordsMigrationRaisesTheOldestWriter() throws {
        let (server, database, environment) = try TeamLedgerTests.teamLedger()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations/postgresql")
        var sql = "CREATE TABLE schema_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());\n"
        for id in ["0001_create_ledger", "0002_chain_links"] {
            sql += try String(contentsOf: folder.appendingPathComponent(id + ".sql"), encoding: .utf8)
            sql += "\nINSERT INTO schema_migration (id) VALUES ('\(id)');\n"
        }
        try server.psql(sql + "INSERT INTO setting (name, value) VALUES ('oldest-writer', '0.2.0');", database: database)
        let render = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment)
        #expect(render.code == 0, "\(render.stderr)")
        #expect(try server.psql("SELECT value FROM setting WHERE name = 'oldest-writer'", database: database) == "0.3.0")
    }
}
