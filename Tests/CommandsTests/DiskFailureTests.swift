import Foundation
import Testing
import TestSupport

/// A ledger on a read-only file system, a full disk, and a ledger locked by another process for
/// longer than the lock timeout: one clear error, exit 2, nothing printed, nothing half-written.
@Suite struct DiskFailureTests {
    /// A mount namespace (as an unprivileged user namespace) can bind-mount a folder read-only.
    static let canMountReadOnly = (try? Subprocess.run("unshare", ["-rm", "true"]).status) == 0
    /// Without a mount namespace, file modes make a folder read-only for anyone but root.
    static let readOnlyIsPossible = canMountReadOnly || getuid() != 0

    static func manifest(tag: String, config: String? = nil) -> String {
        var text = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"\(tag)\"")
        if let config { text += "  config_maps:\n    agent-config: \"\(config)\"\n" }
        return text
    }

    /// A fresh ledger holding revision 1 of `agents/agent`, and its environment.
    static func ledgerWithOneRevision() throws -> (folder: URL, environment: [String: String]) {
        let folder = TemporaryFolder.make()
        let environment = ["DSLEDGER_DB": folder.appendingPathComponent("ledger.db").path, "DSLEDGER_AUTHOR": "disk"]
        let first = try BuiltBinary.run(["render", "-f", "-"], stdin: manifest(tag: "1.0"), environment: environment)
        #expect(first.code == 0, "\(first.stderr)")
        return (folder, environment)
    }

    /// One error line naming the ledger, nothing on standard output.
    static func expectOneClearError(_ result: BuiltBinary.Result, database: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.code == 2, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "nothing rendered when nothing was recorded", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && result.stderr.hasPrefix("\(database): error: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("recorded"), sourceLocation: sourceLocation)
    }

    /// The ledger still verifies, still holds revisions 1 to `count` only, and records the next one.
    static func expectIntactWith(_ count: Int, environment: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verify = try BuiltBinary.run(["verify"], environment: environment)
        #expect(verify.code == 0, "\(String(decoding: verify.stdout, as: UTF8.self)) \(verify.stderr)", sourceLocation: sourceLocation)
        let history = try BuiltBinary.run(["history", "agent", "-o", "json"], environment: environment)
        let entries = try JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]]
        #expect(entries?.compactMap { $0["revision"] as? Int } == Array((1...count).reversed()), sourceLocation: sourceLocation)
        let next = try BuiltBinary.run(["render", "-f", "-"], stdin: manifest(tag: "9.\(count)"), environment: environment)
        #expect(next.stderr.contains("recorded agents/agent revision \(count + 1)"), "\(next.stderr)", sourceLocation: sourceLocation)
    }

    /// Every file of `folder` with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
        }
        return files
    }

    /// Runs dsledger with `folder` read-only: a read-only bind mount in a mount namespace where
    /// possible, else file modes.
    static func runReadOnly(_ folder: URL, _ arguments: [String], stdin: String = "", environment: [String: String]) throws -> BuiltBinary.Result {
        let binary = try #require(BuiltBinary.url).path
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if canMountReadOnly {
            let script = #"mount --bind -o ro "$0" "$0" && exec "$@""#
            let result = try Subprocess.run("unshare", ["-rm", "sh", "-c", script, folder.path, binary] + arguments,
                                            stdin: stdin, environment: variables)
            return BuiltBinary.Result(code: result.status, stdout: result.stdout, stderr: result.stderr)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in names { try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent(name).path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            for name in names { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent(name).path) }
        }
        let result = try Subprocess.run(binary, arguments, stdin: stdin, environment: variables)
        return BuiltBinary.Result(code: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test(.enabled(if: readOnlyIsPossible, "root without a mount namespace cannot make a folder read-only"))
    func aReadOnlyLedgerRefusesToRecordWithAClearErrorAndStaysAsItWas() throws {
        let (folder, environment) = try Self.ledgerWithOneRevision()
        let database = environment["DSLEDGER_DB"] ?? ""
        let before = try Self.snapshot(folder)
        let result = try Self.runReadOnly(folder, ["render", "-f", "-"], stdin: Self.manifest(tag: "2.0"), environment: environment)
        Self.expectOneClearError(result, database: database)
        #expect(result.stderr.contains("is on a read-only file system"), "\(result.stderr)")
        let history = try Self.runReadOnly(folder, ["history", "agent"], environment: environment)
        #expect(history.code == 0, "\(history.stderr)")
        #expect(try Self.snapshot(folder) == before, "not a byte changed")
        try Self.expectIntactWith(1, environment: environment)
    }

    @Test func aFullDiskFailsTheRecordingWholeAndTheLedgerStaysIntact() throws {
        let (folder, environment) = try Self.ledgerWithOneRevision()
        let database = environment["DSLEDGER_DB"] ?? ""
        var generator = SplitMix(seed: 0xD15C)
        let incompressible = Data((0..<600_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        // RLIMIT_FSIZE stands in for a full disk: a write past 256 KiB fails (EFBIG; SIGXFSZ ignored).
        let binary = try #require(BuiltBinary.url).path
        let script = #"trap '' XFSZ; ulimit -f 256; exec "$@""#
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let full = try Subprocess.run("bash", ["-c", script, "bash", binary, "render", "-f", "-"],
                                      stdin: Self.manifest(tag: "2.0", config: incompressible), environment: variables)
        Self.expectOneClearError(BuiltBinary.Result(code: full.status, stdout: full.stdout, stderr: full.stderr), database: database)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains("ledger.db"))
        try Self.expectIntactWith(1, environment: environment)
    }

    @Test(.timeLimit(.minutes(3)), arguments: [false, true])
    func aLedgerLockedBeyondTheLockTimeoutFailsClearlyAndRecordsNothing(fromEnvironment: Bool) throws {
        var (_, environment) = try Self.ledgerWithOneRevision()
        let database = environment["DSLEDGER_DB"] ?? ""
        // Another process holds the write lock for longer than the 1 s lock timeout given.
        let holder = try HeldSQLiteShell(database, statements: "BEGIN EXCLUSIVE;")
        #expect(holder.ran, "the sqlite3 shell took the lock")
        var arguments = ["render", "-f", "-"]
        if fromEnvironment { environment["DSLEDGER_LOCK_TIMEOUT"] = "1s" } else { arguments += ["--lock-timeout", "1s"] }
        let started = Date()
        let locked = try BuiltBinary.run(arguments, stdin: Self.manifest(tag: "2.0"), environment: environment)
        let waited = Date().timeIntervalSince(started)
        try holder.finish()
        Self.expectOneClearError(locked, database: database)
        #expect(locked.stderr.contains("the ledger is locked") && locked.stderr.contains("lock timeout (1s)")
                    && locked.stderr.contains("--lock-timeout") && locked.stderr.contains("DSLEDGER_LOCK_TIMEOUT"), "\(locked.stderr)")
        #expect(waited >= 1 && waited < 15, "waited \(waited) s: the 1 s lock timeout, not the 30 s default")
        try Self.expectIntactWith(1, environment: environment)
    }
}
