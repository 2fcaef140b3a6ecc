import Foundation
import ObjectModel
import PostgresTestSupport
import Testing
import TestSupport

/// The dsledger executable on a PostgreSQL team ledger: every command, many writers, roles, secrets.
@Suite struct TeamLedgerTests {
    /// A database on the shared server and what a runner sets to use it (the password in
    /// PGPASSWORD, never the URL; a key file of the team's).
    static func teamLedger() throws -> (server: PostgresServer, database: String, environment: [String: String]) {
        let (server, database) = try SharedPostgresServer.newDatabase()
        let key = TemporaryFolder.make().appendingPathComponent("team.key").path
        let url = "postgresql://\(server.user)@\(server.host):\(server.port)/\(database)?sslmode=disable"
        return (server, database, ["DSLEDGER_DB": url, "PGPASSWORD": server.password, "DSLEDGER_HMAC_KEY_FILE": key,
                                   "DSLEDGER_AUTHOR": "ci-runner"])
    }

    /// A login role with CONNECT, USAGE on the schema and `grants`, and the environment that uses it.
    static func role(_ name: String, password: String, grants: [String], server: PostgresServer, database: String,
                     environment: [String: String]) throws -> [String: String] {
        let statements = ["CREATE ROLE \(name) LOGIN PASSWORD '\(password)'", "GRANT CONNECT ON DATABASE \(database) TO \(name)",
                          "GRANT USAGE ON SCHEMA public TO \(name)"] + grants.map { "GRANT \($0) TO \(name)" }
        try server.psql(statements.joined(separator: ";\n") + ";", database: database)
        var changed = environment
        changed["DSLEDGER_DB"] = "postgresql://\(name)@\(server.host):\(server.port)/\(database)?sslmode=disable"
        changed["PGPASSWORD"] = password
        return changed
    }

    static func manifest(tag: String, name: String = "agent") -> String {
        RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"\(tag)\"")
            .replacingOccurrences(of: "name: agent}", with: "name: \(name)}")
    }

    @Test func everyLedgerCommandWorksOnATeamLedger() throws {
        let (_, _, environment) = try Self.teamLedger()
        let first = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.0"), environment: environment)
        #expect(first.code == 0 && first.stderr.hasPrefix("recorded agents/agent revision 1\n"), "\(first.stderr)")
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.1"), environment: environment).code == 0)
        let again = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.1"), environment: environment)
        #expect(again.stderr.hasPrefix("unchanged, agents/agent revision 2\n"))
        let history = try BuiltBinary.run(["history", "agent"], environment: environment)
        #expect(history.code == 0)
        #expect(String(decoding: history.stdout, as: UTF8.self).contains("image 1.0 → 1.1") || String(decoding: history.stdout, as: UTF8.self).contains("1.1"))
        let diff = try BuiltBinary.run(["diff", "agent", "1", "2"], environment: environment)
        #expect(diff.code == 1 && String(decoding: diff.stdout, as: UTF8.self).contains("example.com/agent:1.0 → example.com/agent:1.1"))
        #expect(try BuiltBinary.run(["show", "agent", "latest"], environment: environment).code == 0)
        let blame = try BuiltBinary.run(["blame", "agent", "--path", "spec.template.spec.containers"], environment: environment)
        #expect(blame.code == 0 && String(decoding: blame.stdout, as: UTF8.self).contains("ci-runner"))
        let regenerated = try BuiltBinary.run(["regenerate", "agent", "1", "--secret", "TOKEN=s3cr3t-t0ken"], environment: environment)
        let rendered = try BuiltBinary.run(["render", "-f", "-", "--no-record"], stdin: Self.manifest(tag: "1.0"), environment: environment)
        #expect(regenerated.code == 0 && regenerated.stdout == rendered.stdout)
        let verify = try BuiltBinary.run(["verify"], environment: environment)
        #expect(verify.code == 0 && String(decoding: verify.stdout, as: UTF8.self).hasSuffix(": intact\n"))
        #expect(!String(decoding: verify.stdout, as: UTF8.self).contains("test-password"))
    }

    @Test func eightWriterProcessesRecordFiftyRevisionsEachWithUniqueGaplessNumbers() throws {
        let (_, _, environment) = try Self.teamLedger()
        let failures = Collected()
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            for index in 0..<50 {
                do {
                    let result = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "\(writer).\(index)"),
                                                     environment: environment)
                    if result.code != 0 { failures.append("writer \(writer) #\(index): \(result.stderr)") }
                } catch {
                    failures.append("writer \(writer) #\(index): \(error)")
                }
            }
        }
        #expect(failures.values == [])
        let history = try BuiltBinary.run(["history", "agent", "-o", "json", "--limit", "500"], environment: environment)
        let entries = try #require(try JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        #expect(entries.compactMap { $0["revision"] as? Int }.sorted() == Array(1...400))
        let images = Set(entries.flatMap { ($0["images"] as? [String]) ?? [] })
        #expect(images.count == 400, "no revision lost")
        #expect(try BuiltBinary.run(["verify"], environment: environment).code == 0)
    }

    @Test func noPlaintextSecretReachesTheDatabase() throws {
        let (server, database, environment) = try Self.teamLedger()
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.0"), environment: environment).code == 0)
        let dump = try server.dump(database: database)
        #expect(dump.contains("agents"), "the dump holds the ledger")
        for form in ["s3cr3t-t0ken", Data("s3cr3t-t0ken".utf8).base64EncodedString()] { #expect(!dump.contains(form)) }
    }

    @Test func aReadOnlyRoleReadsAndVerifiesButRecordsNothing() throws {
        let (server, database, environment) = try Self.teamLedger()
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.0"), environment: environment).code == 0)
        let auditor = try Self.role("auditor_\(database)", password: "audit-pw", grants: ["SELECT ON ALL TABLES IN SCHEMA public"],
                                    server: server, database: database, environment: environment)
        #expect(try BuiltBinary.run(["history", "agent"], environment: auditor).code == 0)
        #expect(try BuiltBinary.run(["verify"], environment: auditor).code == 0)
        #expect(try BuiltBinary.run(["diff", "agent", "1", "1"], environment: auditor).code == 0)
        // An auditor's SELECT-only role makes the audit report of the team ledger.
        let report = try BuiltBinary.run(["report", "--all", "-o", "json"], environment: auditor)
        #expect(report.code == 0, "\(report.stderr)")
        let released = try JSONValue(parsingJSON: String(decoding: report.stdout, as: UTF8.self))["releases"]?.arrayValue?.first
        #expect(released?["changes"]?.arrayValue?.first?["author"] == "ci-runner")
        let refused = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "2.0"), environment: auditor)
        #expect(refused.code == 2 && refused.stderr.contains("permission denied"), "\(refused.stderr)")
        #expect(try server.psql("SELECT count(*) FROM revision", database: database) == "1")
    }

    @Test func aTeamLedgerNeedsItsKeyNamedAndRefusesAnotherKey() throws {
        let (_, _, environment) = try Self.teamLedger()
        var unnamed = environment
        unnamed["DSLEDGER_HMAC_KEY_FILE"] = nil
        let missing = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.0"), environment: unnamed)
        #expect(missing.code == 2 && missing.stderr.contains("a team ledger needs its HMAC key named"), "\(missing.stderr)")
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.0"), environment: environment).code == 0)
        var other = environment
        other["DSLEDGER_HMAC_KEY_FILE"] = TemporaryFolder.make().appendingPathComponent("mine.key").path
        try Data(repeating: 3, count: 32).write(to: URL(fileURLWithPath: other["DSLEDGER_HMAC_KEY_FILE"]!))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: other["DSLEDGER_HMAC_KEY_FILE"]!)
        let refused = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.1"), environment: other)
        #expect(refused.code == 2 && refused.stderr.contains("mine.key") && refused.stderr.contains("is not the key this ledger was recorded with"))
        #expect(try BuiltBinary.run(["history", "agent", "-o", "json"], environment: environment).stdout.count > 2)
    }
}

/// Lines collected from concurrent writers.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ item: String) { lock.withLock { items.append(item) } }
    var values: [String] { lock.withLock { items } }
}

extension TeamLedgerTests {
    /// The writer role's grants, as docs/team-ledger.md gives them.
    @Test func aWriterRoleWithTheDocumentedGrantsRecords() throws {
        let (server, database, environment) = try Self.teamLedger()
        // The owner creates the schema on first use.
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.0"), environment: environment).code == 0)
        let writer = try Self.role("writer_\(database)", password: "writer-pw",
                                   grants: ["SELECT, INSERT ON ALL TABLES IN SCHEMA public", "UPDATE ON release",
                                            "USAGE ON ALL SEQUENCES IN SCHEMA public"],
                                   server: server, database: database, environment: environment)
        let result = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "2.0"), environment: writer)
        #expect(result.code == 0 && result.stderr.hasPrefix("recorded agents/agent revision 2\n"), "\(result.stderr)")
        let other = try BuiltBinary.run(["render", "-f", "-"], stdin: Self.manifest(tag: "1.0", name: "other"), environment: writer)
        #expect(other.code == 0, "a writer creates new releases too: \(other.stderr)")
        #expect(try BuiltBinary.run(["verify"], environment: writer).code == 0)
    }
}
