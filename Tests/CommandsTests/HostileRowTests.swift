import Foundation
import History
import PostgresTestSupport
import Testing
import TestSupport

/// Rows someone who can write the database put there: `verify` reports each as damage (exit 1)
/// naming the release and revision, and never crashes; reading commands fail with exit 2.
@Suite struct HostileRowTests {
    /// One hostile edit, in SQL for each store (nil where the store's types rule it out), and a
    /// fragment of what `verify` must say.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var sqlite: String?
        var postgres: String?
        var message: String
        var testDescription: String { name }
    }

    /// A deflated body that inflates past the 64 MiB limit, as hex.
    static let bomb: String = {
        let body = ObjectBody.whole(Array(repeating: UInt8(ascii: " "), count: 65 << 20))
        return body.bytes.map { String(format: "%02x", $0) }.joined()
    }()

    static let cases: [Case] = [
        Case(name: "text in an integer column", sqlite: "UPDATE revision SET number = 'two' WHERE number = 2;", postgres: nil,
             message: "a revision row is damaged: its column 'number' holds text where an integer is expected"),
        Case(name: "a blob in a text column", sqlite: "UPDATE revision SET author = X'00FF' WHERE number = 2;", postgres: nil,
             message: "revision 2: a revision row is damaged: its column 'author' holds a blob where text is expected"),
        Case(name: "a text body", sqlite: "UPDATE object SET body = 'x' WHERE kind = 'Secret';", postgres: nil,
             message: "an object row is damaged: its column 'body' holds text where a blob is expected"),
        Case(name: "a missing object", sqlite: "DELETE FROM object WHERE kind = 'Secret';",
             postgres: "SET session_replication_role = replica; DELETE FROM object WHERE kind = 'Secret';",
             message: "revision 1 (link 1): a stored object it holds is missing"),
        Case(name: "a delta cycle", sqlite: "UPDATE object SET encoding = 2, baseId = id WHERE kind = 'Secret';",
             postgres: "UPDATE object SET encoding = 2, base_digest = digest WHERE kind = 'Secret';",
             message: "revision 1 (link 1): stored object sha256:"),
        Case(name: "a chain of deltas deeper than the maximum", sqlite: """
            INSERT INTO object (id, digest, apiVersion, kind, namespace, name, depth, encoding, body)
                VALUES (1000, randomblob(32), 'v1', 'ConfigMap', 'agents', 'deep', 0, 0, CAST('{}' AS BLOB));
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
            INSERT INTO object (id, digest, apiVersion, kind, namespace, name, baseId, depth, encoding, body)
                SELECT 1000 + i, randomblob(32), 'v1', 'ConfigMap', 'agents', 'deep', 999 + i, i, 2, CAST('[]' AS BLOB) FROM n;
            UPDATE revisionObject SET objectId = 1040 WHERE objectId = (SELECT id FROM object WHERE kind = 'Secret');
            """, postgres: """
            INSERT INTO object (digest, api_version, kind, namespace, name, depth, encoding, body)
                VALUES (sha256('\\x00'::bytea), 'v1', 'ConfigMap', 'agents', 'deep', 0, 0, convert_to('{}', 'UTF8'));
            INSERT INTO object (digest, api_version, kind, namespace, name, base_digest, depth, encoding, body)
                SELECT sha256(int4send(i)), 'v1', 'ConfigMap', 'agents', 'deep',
                    CASE WHEN i = 1 THEN sha256('\\x00'::bytea) ELSE sha256(int4send(i - 1)) END, i, 2, convert_to('[]', 'UTF8')
                FROM generate_series(1, 40) AS i ORDER BY i;
            UPDATE revision_object SET object_digest = sha256(int4send(40)) WHERE object_digest = (SELECT digest FROM object WHERE kind = 'Secret');
            """, message: "its chain of deltas is deeper than 32"),
        Case(name: "a deflate bomb", sqlite: "UPDATE object SET encoding = 1, body = X'\(bomb)' WHERE kind = 'Secret';",
             postgres: "UPDATE object SET encoding = 1, body = '\\x\(bomb)'::bytea WHERE kind = 'Secret';",
             message: "its body inflates to more than 64 MiB, the limit"),
        Case(name: "malformed JSON", sqlite: "UPDATE object SET encoding = 0, body = CAST('{\"kind\": ' AS BLOB) WHERE kind = 'Secret';",
             postgres: "UPDATE object SET encoding = 0, body = convert_to('{\"kind\": ', 'UTF8') WHERE kind = 'Secret';",
             message: "its body is not JSON"),
    ]

    /// Three revisions of agents/agent through the built binary.
    static func record(_ environment: [String: String]) throws {
        for tag in ["1.0", "2.0", "3.0"] {
            let manifest = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"\(tag)\"")
            let result = try BuiltBinary.run(["render", "-f", "-"], stdin: manifest, environment: environment)
            #expect(result.code == 0, "\(result.stderr)")
        }
    }

    static func expectDamage(_ result: BuiltBinary.Result, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let output = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.code == 1, "exit \(result.code): \(output) \(result.stderr)", sourceLocation: sourceLocation)
        #expect(output.contains(": damaged: ") && output.contains(message), "\(output.prefix(600)) \(result.stderr.prefix(600))",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: cases.filter { $0.sqlite != nil })
    func aHostileRowInALedgerFileIsDamage(hostile: Case) throws {
        let folder = TemporaryFolder.make()
        let database = folder.appendingPathComponent("ledger.db").path
        let environment = ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "writer"]
        try Self.record(environment)
        let lift = ["revision_is_append_only_update", "revision_is_append_only_delete", "object_is_immutable_update",
                    "revision_object_is_append_only", "secret_hash_is_append_only"].map { "DROP TRIGGER IF EXISTS \($0);\n" }.joined()
        let script = folder.appendingPathComponent("tamper.sql")
        try Data((lift + (hostile.sqlite ?? "")).utf8).write(to: script)
        let tampered = try Subprocess.run("sqlite3", ["-bail", database, ".read \(script.path)"])
        #expect(tampered.status == 0, "\(tampered.stderr)")
        Self.expectDamage(try BuiltBinary.run(["verify"], environment: environment), hostile.message)
    }

    @Test(arguments: cases.filter { $0.postgres != nil })
    func aHostileRowInATeamLedgerIsDamage(hostile: Case) throws {
        let (server, database, environment) = try TeamLedgerTests.teamLedger()
        try Self.record(environment)
        let lift = ["revision", "object", "revision_object", "secret_hash", "event"].map { "ALTER TABLE \($0) DISABLE TRIGGER USER;\n" }.joined()
        _ = try server.psql(lift + (hostile.postgres ?? ""), database: database)
        Self.expectDamage(try BuiltBinary.run(["verify"], environment: environment), hostile.message)
    }

    @Test func aHostileRowIsAClearErrorForHistoryNotACrash() throws {
        let folder = TemporaryFolder.make()
        let database = folder.appendingPathComponent("ledger.db").path
        let environment = ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "writer"]
        try Self.record(environment)
        let sql = "DROP TRIGGER IF EXISTS revision_is_append_only_update; UPDATE revision SET createdAt = X'00' WHERE number = 3;"
        #expect(try Subprocess.run("sqlite3", ["-bail", database, sql]).status == 0)
        let history = try BuiltBinary.run(["history", "agent"], environment: environment)
        #expect(history.code == 2, "\(history.stderr)")
        #expect(history.stderr.contains("stored data is damaged: a revision row is damaged: its column 'createdAt' holds a blob where text is expected"),
                "\(history.stderr)")
    }
}
