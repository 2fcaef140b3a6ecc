import Foundation
import Testing
import TestSupport

/// A command that wrote leaves the whole ledger in the `.db` file and an empty write-ahead log
/// (docs/ledger.md, "What is synced when"), so the next command has no log to read through when
/// it opens the file; and it does not wait for another process that is reading to do so.
@Suite struct LogCheckpointTests {
    static func logSize(_ database: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: database + "-wal"))?[.size] as? Int) ?? 0
    }

    static func revisions(inCopyOf database: String, folder: URL) throws -> String {
        let copy = folder.appendingPathComponent("copy-\(UUID().uuidString).db").path
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        let count = try Subprocess.run("/usr/bin/sqlite3", [copy, "SELECT count(*) FROM revision"])
        return String(decoding: count.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aWriterLeavesTheWholeLedgerInTheDatabaseFileAndAnEmptyLog() throws {
        let (folder, environment) = try DiskFailureTests.ledgerWithOneRevision()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try #require(environment["DSLEDGER_DB"])
        for tag in ["2.0", "3.0"] {
            let render = try BuiltBinary.run(["render", "-f", "-"], stdin: DiskFailureTests.manifest(tag: tag), environment: environment)
            #expect(render.code == 0, "\(render.stderr)")
            #expect(Self.logSize(database) == 0, "the log was copied into the file and emptied")
        }
        #expect(try Self.revisions(inCopyOf: database, folder: folder) == "3", "the .db file alone holds every revision")
    }

    @Test func aReaderInAnotherProcessDoesNotHoldTheWriterUp() throws {
        let (folder, environment) = try DiskFailureTests.ledgerWithOneRevision()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try #require(environment["DSLEDGER_DB"])
        let reader = try HeldSQLiteShell(database, statements: "BEGIN;\nSELECT count(*) FROM revision;")
        #expect(reader.ran)
        let started = Date()
        let render = try BuiltBinary.run(["render", "-f", "-", "--lock-timeout", "120s"],
                                         stdin: DiskFailureTests.manifest(tag: "2.0"), environment: environment)
        let seconds = Date().timeIntervalSince(started)
        #expect(render.code == 0, "\(render.stderr)")
        #expect(seconds < 60, "the writer waited \(seconds) s for the reader instead of leaving the log in place")
        #expect(Self.logSize(database) > 0, "the reader's snapshot kept the log")
        try reader.finish()
        let next = try BuiltBinary.run(["render", "-f", "-"], stdin: DiskFailureTests.manifest(tag: "3.0"), environment: environment)
        #expect(next.code == 0, "\(next.stderr)")
        #expect(Self.logSize(database) == 0, "the next writer emptied it")
        #expect(try Self.revisions(inCopyOf: database, folder: folder) == "3")
    }
}
