import Foundation
import PostgresTestSupport
import Testing
import TestSupport

/// `dsledger checkpoint` and `verify --checkpoint`, through the built executable: what an attacker
/// who can write the database does (drop the append-only triggers, delete or re-record history)
/// is caught against a checkpoint kept outside the ledger.
@Suite struct CheckpointCommandTests {
    /// A private and public key as `openssl genpkey` and `openssl pkey -pubout` write them.
    static func keys() throws -> (sign: String, verify: String) {
        let folder = TemporaryFolder.make()
        let sign = folder.appendingPathComponent("checkpoint.pem").path, verify = folder.appendingPathComponent("checkpoint.pub").path
        for arguments in [["genpkey", "-algorithm", "ed25519", "-out", sign], ["pkey", "-in", sign, "-pubout", "-out", verify]] {
            let result = try Subprocess.run("openssl", arguments)
            try #require(result.status == 0, "\(result.stderr)")
        }
        return (sign, verify)
    }

    /// A SQLite ledger with releases `agents/agent` (revisions of `tags`) and `agents/other` (one).
    static func ledger(tags: [String] = ["1.0", "2.0", "3.0"]) throws -> [String: String] {
        let environment = ["DSLEDGER_DB": TemporaryFolder.make().appendingPathComponent("ledger.db").path, "DSLEDGER_AUTHOR": "ci"]
        try record(tags, environment: environment)
        try record(["1.0"], name: "other", environment: environment)
        return environment
    }

    static func record(_ tags: [String], name: String = "agent", environment: [String: String]) throws {
        for tag in tags {
            let result = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: tag, name: name),
                                             environment: environment)
            try #require(result.code == 0, "\(result.stderr)")
        }
    }

    /// Writes a signed checkpoint of the ledger and returns its path.
    static func checkpoint(_ environment: [String: String], signKey: String) throws -> String {
        let file = TemporaryFolder.make().appendingPathComponent("checkpoint.json").path
        let result = try BuiltBinary.run(["checkpoint", "--sign-key", signKey, "--output-file", file], environment: environment)
        try #require(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("wrote \(file): checkpoint of 2 releases, signed by sha256:"))
        return file
    }

    static func verify(_ environment: [String: String], checkpoint: String, publicKey: String?) throws -> (code: Int32, output: String) {
        let result = try BuiltBinary.run(["verify", "--checkpoint", checkpoint] + (publicKey.map { ["--public-key", $0] } ?? []),
                                         environment: environment)
        return (result.code, String(decoding: result.stdout, as: UTF8.self) + result.stderr)
    }

    /// Runs SQL on the SQLite file after dropping every trigger, as anyone who can write the file can.
    static func tamper(_ environment: [String: String], _ sql: String) throws {
        let database = try #require(environment["DSLEDGER_DB"])
        let triggers = try Subprocess.run("sqlite3", [database, "SELECT name FROM sqlite_master WHERE type = 'trigger'"])
        let drops = String(decoding: triggers.stdout, as: UTF8.self).split(separator: "\n").map { "DROP TRIGGER \($0);" }
        let result = try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", database, drops.joined() + sql])
        try #require(result.status == 0, "\(result.stderr)")
    }

    /// Deletes the revisions of `name` numbered `from` and up, with their objects' rows and events.
    static func deleteRevisions(of name: String, from number: Int) -> String {
        let release = "(SELECT id FROM release WHERE name = '\(name)')"
        let revisions = "(SELECT id FROM revision WHERE releaseId = \(release) AND number >= \(number))"
        return """
            DELETE FROM revisionObject WHERE revisionId IN \(revisions); DELETE FROM secretHash WHERE revisionId IN \(revisions);
            DELETE FROM event WHERE releaseId = \(release) AND revisionNumber >= \(number);
            DELETE FROM revision WHERE releaseId = \(release) AND number >= \(number);
            """
    }

    /// A key pair, a ledger (``ledger(tags:)``) and a checkpoint of it signed with the pair's
    /// private key, or with `signKey` when given.
    static func checkpointed(signKey: String? = nil) throws -> (keys: (sign: String, verify: String), environment: [String: String],
                                                                 file: String) {
        let keys = try Self.keys()
        let environment = try Self.ledger()
        return (keys, environment, try Self.checkpoint(environment, signKey: signKey ?? keys.sign))
    }

    /// Runs `verify --checkpoint` with the public key and expects exit 1 and a line starting `FILE: finding`.
    static func expectFinding(_ finding: String, _ setup: (keys: (sign: String, verify: String), environment: [String: String], file: String),
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try verify(setup.environment, checkpoint: setup.file, publicKey: setup.keys.verify)
        #expect(result.code == 1, sourceLocation: sourceLocation)
        #expect(result.output.contains("\n\(setup.file): \(finding)") || result.output.hasPrefix("\(setup.file): \(finding)"),
                "\(result.output)", sourceLocation: sourceLocation)
    }

    @Test func aCheckpointVerifiesAndKeepsVerifyingAsTheLedgerGrows() throws {
        let keys = try Self.keys()
        let environment = try Self.ledger()
        let file = try Self.checkpoint(environment, signKey: keys.sign)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"format\": \"dsledger-checkpoint/v1\"") && text.contains("\"algorithm\": \"ed25519\""))
        var result = try Self.verify(environment, checkpoint: file, publicKey: keys.verify)
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.hasSuffix("\(file): the ledger extends the checkpoint (2 releases; signature checked)\n"))
        try Self.record(["4.0"], environment: environment)
        try Self.record(["1.0"], name: "third", environment: environment)
        result = try Self.verify(environment, checkpoint: file, publicKey: keys.verify)
        #expect(result.code == 0, "\(result.output)")
        let stdout = try BuiltBinary.run(["checkpoint", "--sign-key", keys.sign], environment: environment)
        #expect(stdout.code == 0 && stdout.stderr.isEmpty)
        #expect(String(decoding: stdout.stdout, as: UTF8.self).contains("\"name\": \"third\""))
    }

    @Test func withoutAPublicKeyTheOutputSaysTheSignatureWasNotChecked() throws {
        let keys = try Self.keys()
        let environment = try Self.ledger()
        let file = try Self.checkpoint(environment, signKey: keys.sign)
        let result = try Self.verify(environment, checkpoint: file, publicKey: nil)
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.contains("\(file): signature not checked: no --public-key given"))
        #expect(result.output.contains("(2 releases; signature not checked)"))
    }

    @Test func deletedNewestRevisionsAreCaught() throws {
        let setup = try Self.checkpointed()
        try Self.tamper(setup.environment, Self.deleteRevisions(of: "agent", from: 3))
        try Self.expectFinding("agents/agent: truncated: ", setup)
        let result = try Self.verify(setup.environment, checkpoint: setup.file, publicKey: setup.keys.verify)
        #expect(!result.output.contains("\(setup.file): agents/other:"))
    }

    /// `-o json` carries the checkpoint's verdict and findings inside the one JSON document.
    @Test func theJSONVerdictCarriesTheCheckpointsFindings() throws {
        let setup = try Self.checkpointed()
        let arguments = ["verify", "-o", "json", "--checkpoint", setup.file, "--public-key", setup.keys.verify]
        var result = try BuiltBinary.run(arguments, environment: setup.environment)
        var json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        var checkpoint = try #require(json["checkpoint"] as? [String: Any])
        #expect(result.code == 0 && checkpoint["verdict"] as? String == "extends" && checkpoint["signatureChecked"] as? Bool == true)
        #expect((checkpoint["findings"] as? [Any])?.isEmpty == true && checkpoint["releases"] as? Int == 2)
        try Self.tamper(setup.environment, Self.deleteRevisions(of: "agent", from: 3))
        result = try BuiltBinary.run(arguments, environment: setup.environment)
        json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        checkpoint = try #require(json["checkpoint"] as? [String: Any])
        let findings = try #require(checkpoint["findings"] as? [[String: Any]])
        #expect(result.code == 1 && checkpoint["verdict"] as? String == "does-not-extend")
        #expect(findings.map { $0["code"] as? String } == ["truncated"] && findings.first?["release"] as? String == "agents/agent")
    }

    @Test func aDeletedReleaseIsCaught() throws {
        let setup = try Self.checkpointed()
        try Self.tamper(setup.environment, Self.deleteRevisions(of: "other", from: 1)
                        + "DELETE FROM event WHERE releaseId = (SELECT id FROM release WHERE name = 'other'); DELETE FROM release WHERE name = 'other';")
        try Self.expectFinding("agents/other: deleted: the release is in the checkpoint but no longer in the ledger", setup)
    }

    @Test func aRewrittenRevisionBeforeTheHeadIsCaught() throws {
        let setup = try Self.checkpointed()
        // The attacker removes revisions 2 and 3 and records others in their place through
        // dsledger itself, so every digest is computed as the tool computes it; then the ledger grows.
        try Self.tamper(setup.environment, Self.deleteRevisions(of: "agent", from: 2))
        try Self.record(["2.0-evil", "3.0-evil", "4.0"], environment: setup.environment)
        try Self.expectFinding("agents/agent: rewritten: link ", setup)
    }

    @Test func anEditedCheckpointFailsItsSignature() throws {
        let setup = try Self.checkpointed()
        // Someone who rewrote the ledger edits the checkpoint to match: one digest.
        let text = try String(contentsOfFile: setup.file, encoding: .utf8)
        let digest = try #require(text.range(of: #""digest": "[0-9a-f]{8}"#, options: .regularExpression))
        var edited = text
        edited.replaceSubrange(text.index(digest.upperBound, offsetBy: -8)..<digest.upperBound, with: "00000000")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: setup.file))
        try Self.expectFinding("bad signature: it does not match the statement", setup)
    }

    @Test func aCheckpointSignedByAnotherKeyFails() throws {
        let setup = try Self.checkpointed(signKey: try Self.keys().sign)
        try Self.expectFinding("bad signature: signed by another key (sha256:", setup)
    }

    @Test func unusableInputsAreErrors() throws {
        let keys = try Self.keys()
        let environment = try Self.ledger()
        let missing = TemporaryFolder.make().appendingPathComponent("absent.pem").path
        var result = try BuiltBinary.run(["checkpoint", "--sign-key", missing], environment: environment)
        #expect(result.code == 2 && result.stderr.hasPrefix("\(missing): error: no such key file"))
        result = try BuiltBinary.run(["checkpoint", "--sign-key", keys.verify], environment: environment)
        #expect(result.code == 2 && result.stderr.contains("holds a 'PUBLIC KEY' PEM document"), "\(result.stderr)")
        result = try BuiltBinary.run(["verify", "--public-key", keys.verify], environment: environment)
        #expect(result.code == 2 && result.stderr.contains("--checkpoint FILE"))
        let garbage = TemporaryFolder.make().appendingPathComponent("checkpoint.json").path
        try Data("{\"format\": 1}".utf8).write(to: URL(fileURLWithPath: garbage))
        let verified = try Self.verify(environment, checkpoint: garbage, publicKey: keys.verify)
        #expect(verified.code == 1 && verified.output.contains("\(garbage): malformed checkpoint: format: missing or not a string"))
    }

    @Test func deletedNewestRevisionsOfATeamLedgerAreCaught() throws {
        let keys = try Self.keys()
        let (server, database, environment) = try TeamLedgerTests.teamLedger()
        try Self.record(["1.0", "2.0", "3.0"], environment: environment)
        try Self.record(["1.0"], name: "other", environment: environment)
        let file = try Self.checkpoint(environment, signKey: keys.sign)
        #expect(try Self.verify(environment, checkpoint: file, publicKey: keys.verify).code == 0)
        let release = "(SELECT id FROM release WHERE name = 'agent')"
        _ = try server.psql("""
            DROP TRIGGER revision_append_only ON revision; DROP TRIGGER revision_object_append_only ON revision_object;
            DROP TRIGGER secret_hash_append_only ON secret_hash; DROP TRIGGER event_append_only ON event;
            DELETE FROM revision_object WHERE release_id = \(release) AND number = 3;
            DELETE FROM secret_hash WHERE release_id = \(release) AND number = 3;
            DELETE FROM event WHERE release_id = \(release) AND revision_number = 3;
            DELETE FROM revision WHERE release_id = \(release) AND number = 3;
            """, database: database)
        let result = try Self.verify(environment, checkpoint: file, publicKey: keys.verify)
        #expect(result.code == 1)
        #expect(result.output.contains("\(file): agents/agent: truncated: "), "\(result.output)")
    }
}
