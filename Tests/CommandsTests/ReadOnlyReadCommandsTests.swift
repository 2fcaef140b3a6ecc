import Foundation
import Testing
import TestSupport

/// Every command that only reads works on a ledger it cannot write: a backup on read-only
/// media, evidence handed over, another user's file. SQLite would want to create its `-shm`
/// file; such a ledger is opened read-only instead, and not a byte of it changes.
@Suite struct ReadOnlyReadCommandsTests {
    /// The read commands, and the exit code each gives on a ledger of revisions 1.0 and 2.0.
    static let commands: [(arguments: [String], code: Int32)] = [
        (["history", "agent"], 0), (["history", "agent", "-o", "json"], 0), (["show", "agent", "2"], 0),
        (["show", "agent", "1", "--spec"], 0), (["diff", "agent", "1", "2"], 1), (["blame", "agent"], 0),
        (["regenerate", "agent", "1"], 0),
    ]

    static func ledgerWithTwoRevisions() throws -> (folder: URL, environment: [String: String]) {
        let (folder, environment) = try DiskFailureTests.ledgerWithOneRevision()
        let next = try BuiltBinary.run(["render", "-f", "-"], stdin: DiskFailureTests.manifest(tag: "2.0"), environment: environment)
        try #require(next.code == 0, "\(next.stderr)")
        return (folder, environment)
    }

    static func expect(_ result: BuiltBinary.Result, _ command: (arguments: [String], code: Int32),
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.code == command.code, "\(command.arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stdout.isEmpty, "\(command.arguments) printed nothing", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("error"), "\(command.arguments): \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: DiskFailureTests.readOnlyIsPossible, "root without a mount namespace cannot make a folder read-only"))
    func everyReadCommandWorksOnReadOnlyMediaAndChangesNoByte() throws {
        let (folder, environment) = try Self.ledgerWithTwoRevisions()
        let before = try DiskFailureTests.snapshot(folder)
        for command in Self.commands {
            Self.expect(try DiskFailureTests.runReadOnly(folder, command.arguments, environment: environment), command)
        }
        #expect(try DiskFailureTests.snapshot(folder) == before, "not a byte changed, no file added")
    }

    /// `chmod` does not stop root, so the ledger is read as `nobody`, from a folder and files
    /// that user may read but not write (the key stays private to its owner).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"), "needs root and runuser"))
    func everyReadCommandWorksForAnotherUserWhoCannotWriteTheLedger() throws {
        let (folder, environment) = try Self.ledgerWithTwoRevisions()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in names where !name.hasSuffix(".key") {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let before = try DiskFailureTests.snapshot(folder)
        let binary = try #require(BuiltBinary.url).path
        let variables = ["PATH=/usr/bin:/bin", "HOME=/nonexistent"] + environment.map { "\($0.key)=\($0.value)" }
        for command in Self.commands {
            let run = try Subprocess.run("/usr/sbin/runuser", ["-u", "nobody", "--", "/usr/bin/env", "-i"] + variables + [binary] + command.arguments)
            Self.expect(BuiltBinary.Result(code: run.status, stdout: run.stdout, stderr: run.stderr), command)
        }
        #expect(try DiskFailureTests.snapshot(folder) == before, "not a byte changed, no file added")
    }
}
