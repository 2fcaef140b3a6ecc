import Foundation
import History
import Ledger
import ObjectModel
import Testing
import TestSupport

/// A unique temporary folder for one test, removed when the test ends.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// A fresh store in a temporary folder.
func withStore<T>(_ body: (SQLiteRevisionStore, String) async throws -> T) async throws -> T {
    try await withTemporaryFolder { folder throws in
        let path = folder.appendingPathComponent("ledger.db").path
        return try await body(try SQLiteRevisionStore.open(path: path, create: true), path)
    }
}

/// The `sqlite3` command-line tool, as someone working behind dsledger's back would use it.
enum SQLiteShell {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `sql` against the file; returns standard output, one row per line, columns joined by `|`.
    @discardableResult
    static func run(_ path: String, _ sql: String) throws -> String {
        let result = try Subprocess.run("sqlite3", ["-bail", path], stdin: sql)
        guard result.status == 0 else { throw Failure(description: "sqlite3 failed: " + result.stderr) }
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    static func count(_ path: String, _ sql: String) throws -> Int {
        try #require(Int(try run(path, sql)))
    }

    /// The append-only triggers, dropped as an attacker would before editing rows.
    static let dropTriggers = """
        DROP TRIGGER IF EXISTS revision_is_append_only_update; DROP TRIGGER IF EXISTS revision_is_append_only_delete;
        DROP TRIGGER IF EXISTS object_is_immutable_update; DROP TRIGGER IF EXISTS revision_object_is_append_only;
        DROP TRIGGER IF EXISTS secret_hash_is_append_only;
        """

    /// A SQL literal.
    static func quote(_ value: String?) -> String {
        value.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }
}

/// Thread-safe collection of results from several threads.
final class Collected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Value] = []
    func append(_ item: Value) { lock.withLock { items.append(item) } }
    var values: [Value] { lock.withLock { items } }
}

/// Runs `body(i)` for each i on its own thread, all at once, and waits for all of them.
func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) async -> Void) async {
    await withTaskGroup(of: Void.self) { group in
        for index in 0..<count { group.addTask { await body(index) } }
    }
}
