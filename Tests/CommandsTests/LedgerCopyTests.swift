import Foundation
import PostgresTestSupport
import Testing
import TestSupport

/// `dsledger ledger copy` between a ledger file and a team ledger, both ways.
@Suite struct LedgerCopyTests {
    /// `history -o json` of a release with every revision's digests, as the ledger at `db` gives it.
    static func digests(_ db: String, _ environment: [String: String], release: String = "agent") throws -> [String] {
        let result = try BuiltBinary.run(["history", release, "-o", "json", "--limit", "1000", "--db", db], environment: environment)
        let entries = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]], "\(result.stderr)")
        return entries.map { "\($0["revision"] ?? "")|\($0["contentDigest"] ?? "")|\($0["chainDigest"] ?? "")|\($0["createdAt"] ?? "")" }
    }

    /// A new ledger file (its own key beside it) and an empty team ledger: `local` writes the
    /// file, with the team ledger's environment otherwise.
    static func fileAndTeamLedger() throws -> (server: PostgresServer, database: String, folder: URL, file: String, url: String,
                                               local: [String: String]) {
        let folder = TemporaryFolder.make()
        let file = folder.appendingPathComponent("mine.db").path
        let (server, database, team) = try TeamLedgerTests.teamLedger()
        // The file's own key beside it; the team ledger is empty, so it adopts the file's key.
        var local = team
        local["DSLEDGER_DB"] = file
        local["DSLEDGER_HMAC_KEY_FILE"] = file + ".key"
        return (server, database, folder, file, team["DSLEDGER_DB"]!, local)
    }

    @Test func copiesAFileIntoATeamLedgerAndBackWithEveryDigestKeptAndOnlyOnce() throws {
        let (server, database, folder, file, url, local) = try Self.fileAndTeamLedger()
        for (tag, name) in [("1.0", "agent"), ("1.1", "agent"), ("1.0", "other"), ("1.2", "agent")] {
            #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: tag, name: name), environment: local).code == 0)
        }
        let original = try Self.digests(file, local)
        #expect(original.count == 3)

        let copy = try BuiltBinary.run(["ledger", "copy", "--from", file, "--to", url], environment: local)
        #expect(copy.code == 0, "\(copy.stderr)")
        #expect(copy.stderr.contains("copied 4 revisions and") && String(decoding: copy.stdout, as: UTF8.self).hasSuffix(": intact\n"))
        #expect(try Self.digests(url, local) == original)
        #expect(try Self.digests(url, local, release: "other").count == 1)
        let again = try BuiltBinary.run(["ledger", "copy", "--from", file, "--to", url], environment: local)
        #expect(again.code == 0 && again.stderr.contains("copied 0 revisions and 0 events of 0 releases"), "\(again.stderr)")
        #expect(try server.psql("SELECT count(*) FROM revision", database: database) == "4")

        // The team goes on recording, then the whole team ledger comes back into a new file.
        var teamWriter = local
        teamWriter["DSLEDGER_DB"] = url
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "2.0"), environment: teamWriter).code == 0)
        let back = folder.appendingPathComponent("back.db").path
        let home = try BuiltBinary.run(["ledger", "copy", "--from", url, "--to", back, "--to-key-file", file + ".key"], environment: local)
        #expect(home.code == 0, "\(home.stderr)")
        #expect(try Self.digests(back, local) == Self.digests(url, local))
        #expect(try BuiltBinary.run(["verify", "--db", back], environment: local).code == 0)
        let events = try BuiltBinary.run(["history", "agent", "--db", back], environment: local)
        #expect(events.code == 0)
    }

    @Test func refusesAnotherKeyAndADivergedReleaseAndCopiesNothing() throws {
        let folder = TemporaryFolder.make()
        let (server, database, team) = try TeamLedgerTests.teamLedger()
        let url = team["DSLEDGER_DB"]!
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "9.0"), environment: team).code == 0)

        // A file recorded with its own key: refused, naming both key files.
        let stranger = folder.appendingPathComponent("stranger.db").path
        let strangerEnvironment = ["DSLEDGER_DB": stranger, "DSLEDGER_HMAC_KEY_FILE": stranger + ".key"]
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0", name: "other"),
                                    environment: strangerEnvironment).code == 0)
        let refused = try BuiltBinary.run(["ledger", "copy", "--from", stranger, "--to", url, "--from-key-file", stranger + ".key",
                                           "--to-key-file", team["DSLEDGER_HMAC_KEY_FILE"]!], environment: team)
        #expect(refused.code == 2 && refused.stderr.contains("stranger.db.key") && refused.stderr.contains("team.key"), "\(refused.stderr)")

        // A file with the team's key whose release 'agent' went its own way: refused, naming it.
        let diverged = folder.appendingPathComponent("diverged.db").path
        var divergedEnvironment = team
        divergedEnvironment["DSLEDGER_DB"] = diverged
        for (tag, name) in [("1.0", "other"), ("5.0", "agent")] {
            #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: tag, name: name),
                                        environment: divergedEnvironment).code == 0)
        }
        let conflict = try BuiltBinary.run(["ledger", "copy", "--from", diverged, "--to", url], environment: divergedEnvironment)
        #expect(conflict.code == 2 && conflict.stderr.contains("agents/agent has different revisions"), "\(conflict.stderr)")
        #expect(try server.psql("SELECT count(*) FROM revision", database: database) == "1", "nothing was copied, not even 'other'")
    }
}
