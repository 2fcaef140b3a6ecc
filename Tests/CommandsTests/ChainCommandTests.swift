import Foundation
import Testing
import TestSupport

/// `verify`'s verdicts, `key chain-key` and `verify --chain-key`, in real processes for their exit codes.
@Suite struct ChainCommandTests {
    static let legacy = CLIHarness.root.appendingPathComponent("Tests/StoreContractTests/Fixtures/legacy-ledger.db").path

    /// A ledger with three revisions of `agents/agent`, in its own folder.
    static func ledger() throws -> [String: String] {
        let database = TemporaryFolder.make().appendingPathComponent("ledger.db").path
        let environment = ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "test"]
        for tag in ["1.0", "2.0", "3.0"] {
            let manifest = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"\(tag)\"")
            #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: manifest, environment: environment).code == 0)
        }
        return environment
    }

    static func text(_ result: BuiltBinary.Result) -> String { String(decoding: result.stdout, as: UTF8.self) }

    /// A copy of the legacy fixture (with its key) named `name` in a new folder, and the environment that names it.
    static func legacyCopy(_ name: String) throws -> (database: String, environment: [String: String]) {
        let database = TemporaryFolder.make().appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: legacy, toPath: database)
        try FileManager.default.copyItem(atPath: legacy + ".key", toPath: database + ".key")
        // git keeps the fixture 0644; a key must be its owner's only.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: database + ".key")
        return (database, ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "test"])
    }

    /// Renders node-exporter v1.9.0, the legacy release's third revision and first keyed link.
    static func renderNodeExporter(_ environment: [String: String]) throws {
        let manifest = try String(contentsOf: CLIHarness.root.appendingPathComponent("examples/daemonset-node-monitoring-node-exporter.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "tag: v1.8.2", with: "tag: v1.9.0")
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: manifest, environment: environment).code == 0)
    }

    @Test func verifySaysIntactPerReleaseAndExitsZero() throws {
        let environment = try Self.ledger()
        let result = try BuiltBinary.run(["verify"], environment: environment)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(Self.text(result) == "agents/agent: intact (6 links: 3 revisions, 3 events)\n\(environment["DSLEDGER_DB"]!): intact\n")
    }

    @Test func anEditedEventExitsOneAndIsNamed() throws {
        let environment = try Self.ledger()
        let database = environment["DSLEDGER_DB"]!
        let sql = "DROP TRIGGER event_is_append_only_update; UPDATE event SET outcome = 'succeeded', kind = 'apply' WHERE position = 4;"
        #expect(try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", database, sql]).status == 0)
        let result = try BuiltBinary.run(["verify"], environment: environment)
        #expect(result.code == 1)
        let id = try Subprocess.run("sqlite3", [database, "SELECT id FROM event WHERE position = 4"]).stdout
        let event = String(decoding: id, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Self.text(result) == """
            agents/agent: damaged: event \(event) (link 4): link digest mismatch: its fields, or the link before it, were changed
            \(database): damaged

            """)
    }

    @Test func anAuditorVerifiesWithTheChainKeyAlone() throws {
        var environment = try Self.ledger()
        let database = environment["DSLEDGER_DB"]!
        let key = try BuiltBinary.run(["key", "chain-key"], environment: environment)
        #expect(key.code == 0, "\(key.stderr)")
        let line = Self.text(key)
        #expect(line.hasPrefix("dsledger-chain-key-v1 ") && line.split(separator: " ").count == 3 && line.hasSuffix("\n"))
        #expect(!line.contains(try Data(contentsOf: URL(fileURLWithPath: database + ".key")).map { String(format: "%02x", $0) }.joined()))
        let folder = TemporaryFolder.make()
        let chainKey = folder.appendingPathComponent("chain-key").path
        try line.write(toFile: chainKey, atomically: true, encoding: .utf8)
        // The auditor has the ledger and the chain key, not the ledger key.
        environment["DSLEDGER_HMAC_KEY_FILE"] = folder.appendingPathComponent("no-such.key").path
        let verified = try BuiltBinary.run(["verify", "--chain-key", chainKey, "-o", "json"], environment: environment)
        #expect(verified.code == 0, "\(verified.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: verified.stdout) as? [String: Any])
        #expect(json["key"] as? String == "chain-key" && json["linksChecked"] as? Bool == true && json["verdict"] as? String == "intact")

        let unchecked = try BuiltBinary.run(["verify"], environment: environment)
        #expect(unchecked.code == 0)
        #expect(unchecked.stderr.contains("the link digests were not checked"))

        let wrong = folder.appendingPathComponent("wrong").path
        try "dsledger-chain-key-v1 \(String(repeating: "0", count: 64)) \(String(repeating: "1", count: 64))\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let refused = try BuiltBinary.run(["verify", "--chain-key", wrong], environment: environment)
        #expect(refused.code == 2 && refused.stderr.contains("belongs to another ledger"), "\(refused.stderr)")
    }

    @Test func verifyJSONGivesAStableVerdictPerRelease() throws {
        let environment = try Self.ledger()
        let database = environment["DSLEDGER_DB"]!
        let sql = "DROP TRIGGER event_is_append_only_delete; DELETE FROM event WHERE position = 2;"
        #expect(try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", database, sql]).status == 0)
        let result = try BuiltBinary.run(["verify", "-o", "json"], environment: environment)
        #expect(result.code == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(Set(json.keys) == ["ledger", "verdict", "key", "linksChecked", "problems", "releases"])
        #expect(json["verdict"] as? String == "damaged" && json["key"] as? String == "ledger-key")
        let release = try #require((json["releases"] as? [[String: Any]])?.first)
        #expect(Set(release.keys) == ["namespace", "name", "verdict", "head", "broken"])
        #expect(release["verdict"] as? String == "damaged")
        let head = try #require(release["head"] as? [String: Any])
        #expect(head["position"] as? Int == 6 && head["revisions"] as? Int == 3 && head["events"] as? Int == 2)
        #expect((head["digest"] as? String)?.count == 64)
        let broken = try #require(release["broken"] as? [String: Any])
        #expect(broken["problem"] as? String == "missing-link" && broken["position"] as? Int == 2)
        #expect(broken["message"] as? String == "missing: the positions jump from 1 to 3")
    }

    @Test func aLegacyLedgerIsUnkeyedThenAnchoredByItsFirstKeyedLink() throws {
        let (database, environment) = try Self.legacyCopy("legacy.db")
        let before = try BuiltBinary.run(["verify"], environment: environment)
        #expect(before.code == 0, "\(before.stderr)")
        #expect(Self.text(before).hasPrefix("""
            logging/fluent-bit: unkeyed (1 link: 1 revision, 1 event; plain SHA-256 links written before links were keyed)
            monitoring/node-exporter: unkeyed (2 links: 2 revisions, 3 events;
            """))
        try Self.renderNodeExporter(environment)
        let after = try BuiltBinary.run(["verify"], environment: environment)
        #expect(after.code == 0)
        #expect(Self.text(after).contains("monitoring/node-exporter: intact (4 links: 3 revisions, 4 events)\n"))

        let sql = "DROP TRIGGER revision_is_append_only_update; UPDATE revision SET message = 'forged' WHERE number = 1 AND releaseId = (SELECT id FROM release WHERE name = 'node-exporter');"
        #expect(try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", database, sql]).status == 0)
        let tampered = try BuiltBinary.run(["verify"], environment: environment)
        #expect(tampered.code == 1)
        #expect(Self.text(tampered).contains("monitoring/node-exporter: damaged: revision 1 (link 1): chain digest mismatch"))
    }

    @Test func ledgerCopyKeepsEveryLinkOfALegacyAndAKeyedRelease() throws {
        let (source, environment) = try Self.legacyCopy("source.db")
        try Self.renderNodeExporter(environment)
        let copy = URL(fileURLWithPath: source).deletingLastPathComponent().appendingPathComponent("copy.db").path
        let copied = try BuiltBinary.run(["ledger", "copy", "--from", source, "--to", copy], environment: environment)
        #expect(copied.code == 0, "\(copied.stderr)")
        let original = Self.text(try BuiltBinary.run(["verify"], environment: environment))
        let verified = try BuiltBinary.run(["verify", "--db", copy, "--hmac-key-file", source + ".key"], environment: environment)
        #expect(verified.code == 0, "\(verified.stderr)")
        #expect(Self.text(verified) == original.replacingOccurrences(of: source, with: copy))
    }
}
