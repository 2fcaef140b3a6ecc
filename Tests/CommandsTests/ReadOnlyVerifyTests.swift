import Foundation
import History
import PostgresTestSupport
import Testing
import TestSupport

/// `verify` only reads: a ledger on read-only media, a ledger of an older schema, a role
/// granted only SELECT; the evidence is never changed by checking it.
@Suite struct ReadOnlyVerifyTests {
    static func migrations(_ database: String) throws -> String {
        let result = try Subprocess.run("sqlite3", [database, "SELECT identifier FROM grdb_migrations ORDER BY identifier;"])
        return String(decoding: result.stdout, as: UTF8.self)
    }

    @Test(.enabled(if: DiskFailureTests.readOnlyIsPossible, "root without a mount namespace cannot make a folder read-only"))
    func verifyReadsALedgerOnReadOnlyMediaAndChangesNoByte() throws {
        let (folder, environment) = try DiskFailureTests.ledgerWithOneRevision()
        let database = environment["DSLEDGER_DB"] ?? ""
        let next = try BuiltBinary.run(["render", "-f", "-"], stdin: DiskFailureTests.manifest(tag: "2.0"), environment: environment)
        #expect(next.code == 0, "\(next.stderr)")
        let before = try DiskFailureTests.snapshot(folder)
        let result = try DiskFailureTests.runReadOnly(folder, ["verify"], environment: environment)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(String(decoding: result.stdout, as: UTF8.self).hasSuffix("\(database): intact\n"))
        #expect(try DiskFailureTests.snapshot(folder) == before, "not a byte changed, no file added")

        let sql = "DROP TRIGGER revision_is_append_only_update; UPDATE revision SET author = 'mallory' WHERE number = 2;"
        #expect(try Subprocess.run("sqlite3", [database, sql]).status == 0)
        let damaged = try DiskFailureTests.runReadOnly(folder, ["verify"], environment: environment)
        #expect(damaged.code == 1, "\(damaged.stderr)")
        #expect(String(decoding: damaged.stdout, as: UTF8.self).contains("agents/agent: damaged: revision 2 (link 3): link digest mismatch"))
    }

    /// A copy taken while a writer had changes in the -wal file: with its -shm file it verifies
    /// on read-only media; without one SQLite cannot read the -wal file there, which is said.
    @Test(.enabled(if: DiskFailureTests.readOnlyIsPossible, "root without a mount namespace cannot make a folder read-only"))
    func aWALWithChangesOnReadOnlyMediaVerifiesWithItsSHMAndIsRefusedClearlyWithout() throws {
        let (_, environment) = try DiskFailureTests.ledgerWithOneRevision()
        let database = environment["DSLEDGER_DB"] ?? ""
        let writer = try HeldSQLiteShell(database, statements: "PRAGMA wal_autocheckpoint = 0;\nINSERT INTO setting (name, value) VALUES ('note', 'x');")
        #expect(writer.ran, "the sqlite3 shell wrote to the -wal file")
        let withSHM = TemporaryFolder.make(), withoutSHM = TemporaryFolder.make()
        for (copy, suffixes) in [(withSHM, ["", "-wal", "-shm"]), (withoutSHM, ["", "-wal"])] {
            for suffix in suffixes {
                try FileManager.default.copyItem(atPath: database + suffix, toPath: copy.appendingPathComponent("ledger.db" + suffix).path)
            }
        }
        try writer.finish()
        let readable = try DiskFailureTests.runReadOnly(withSHM, ["verify"], environment: ["DSLEDGER_DB": withSHM.appendingPathComponent("ledger.db").path])
        #expect(readable.code == 0, "\(readable.stderr)")
        let copy = withoutSHM.appendingPathComponent("ledger.db").path
        let refused = try DiskFailureTests.runReadOnly(withoutSHM, ["verify"], environment: ["DSLEDGER_DB": copy])
        #expect(refused.code == 2)
        #expect(refused.stderr.hasPrefix("\(copy): error: permission denied: its -wal file holds changes that SQLite cannot read"), "\(refused.stderr)")
    }

    @Test func verifyOnAWritableFolderLeavesTheLedgerFileAsItWas() throws {
        let (_, environment) = try DiskFailureTests.ledgerWithOneRevision()
        let database = environment["DSLEDGER_DB"] ?? ""
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(try BuiltBinary.run(["verify"], environment: environment).code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    /// A ledger file of the schema before this dsledger's: verify checks it as it is (through a
    /// migrated copy in memory), and its migrations stay as they were.
    @Test func verifyDoesNotUpgradeALedgerFileOfAnOlderSchema() throws {
        let identifiers = SQLiteRevisionStore.migrationIdentifiers
        let database = TemporaryFolder.make().appendingPathComponent("ledger.db").path
        try SQLiteRevisionStore.migrate(path: database, upTo: identifiers[identifiers.count - 2])
        let before = try Self.migrations(database)
        let result = try BuiltBinary.run(["verify"], environment: ["DSLEDGER_DB": database])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try Self.migrations(database) == before)
        #expect(!before.contains(identifiers[identifiers.count - 1]))
        let migrated = try BuiltBinary.run(["ledger", "migrate"], environment: ["DSLEDGER_DB": database])
        #expect(migrated.code == 0 && String(decoding: migrated.stdout, as: UTF8.self) == "\(database): schema up to date\n")
        #expect(try Self.migrations(database).split(separator: "\n").map(String.init) == identifiers)
    }

    /// A team ledger of an older schema is refused, naming both schemas, and left as it was;
    /// a role granted only SELECT gets the same answer (no migration is attempted).
    @Test func verifyRefusesATeamLedgerOfAnOlderSchemaAndLeavesItAsItWas() throws {
        let (server, database, environment) = try TeamLedgerTests.teamLedger()
        let first = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment)
        #expect(first.code == 0, "\(first.stderr)")
        let latest = try server.psql("SELECT max(id) FROM schema_migration", database: database)
        _ = try server.psql("DELETE FROM schema_migration WHERE id = '\(latest)'", database: database)
        let older = try server.psql("SELECT max(id) FROM schema_migration", database: database)
        let applied = try server.psql("SELECT string_agg(id, ',' ORDER BY id) FROM schema_migration", database: database)
        let auditor = try TeamLedgerTests.role("auditor_\(database)", password: "audit-pw", grants: ["SELECT ON ALL TABLES IN SCHEMA public"],
                                               server: server, database: database, environment: environment)
        for variables in [environment, auditor] {
            let result = try BuiltBinary.run(["verify"], environment: variables)
            #expect(result.code == 2, "\(result.stderr)")
            #expect(result.stderr.contains("the ledger's schema is older than this dsledger's (its latest migration is '\(older)', this dsledger's is '\(latest)')"),
                    "\(result.stderr)")
            #expect(result.stderr.contains("dsledger ledger migrate"))
        }
        #expect(try server.psql("SELECT string_agg(id, ',' ORDER BY id) FROM schema_migration", database: database) == applied)
    }

    @Test func aRoleGrantedOnlySelectVerifiesAndTheSessionIsReadOnly() throws {
        let (server, database, environment) = try TeamLedgerTests.teamLedger()
        #expect(try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment).code == 0)
        _ = try server.psql("DELETE FROM setting WHERE name = 'oldest-writer'", database: database)
        let auditor = try TeamLedgerTests.role("auditor_\(database)", password: "audit-pw", grants: ["SELECT ON ALL TABLES IN SCHEMA public"],
                                               server: server, database: database, environment: environment)
        let result = try BuiltBinary.run(["verify"], environment: auditor)
        #expect(result.code == 0 && String(decoding: result.stdout, as: UTF8.self).hasSuffix(": intact\n"), "\(result.stderr)")
        // The owner's verify adopts nothing either.
        #expect(try BuiltBinary.run(["verify"], environment: environment).code == 0)
        #expect(try server.psql("SELECT count(*) FROM setting WHERE name = 'oldest-writer'", database: database) == "0")
    }
}
