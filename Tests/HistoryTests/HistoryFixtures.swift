import Foundation
import History
import Ledger
import ObjectModel
import Testing
import TestSupport

/// A unique temporary folder for one test, removed when the test ends.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = TemporaryFolder.make()
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A fresh store in a temporary folder.
func withStore<T>(_ body: (SQLiteRevisionStore, String) throws -> T) throws -> T {
    try withTemporaryFolder { folder throws in
        let path = folder.appendingPathComponent("ledger.db").path
        return try body(try SQLiteRevisionStore.open(path: path, create: true), path)
    }
}

/// Sealed drafts built the way `render` builds them.
enum Drafts {
    static let release = ReleaseID(namespace: "ops", name: "agent")
    static let key = SecretKey(bytes: Data(repeating: 7, count: 32))!

    static func configMap(_ config: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "agent-config", "namespace": "ops"],
         "data": ["agent.conf": .string(config)]]
    }

    static func secret(_ values: [String: String]) -> JSONValue {
        ["apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": ["name": "agent-env-secrets", "namespace": "ops"],
         "data": .object(values.mapValues { .string(Data($0.utf8).base64EncodedString()) })]
    }

    static func daemonSet(_ release: ReleaseID, image: String) -> JSONValue {
        ["apiVersion": "apps/v1", "kind": "DaemonSet",
         "metadata": ["name": .string(release.name), "namespace": .string(release.namespace)],
         "spec": ["updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "10%"]],
                  "template": ["spec": ["containers": [["name": "app", "image": .string(image)]]]]]]
    }

    static func secretPath(_ name: String) -> FieldPath {
        FieldPath(dotted: "spec.container.app.env.secrets").key(name).field("value")
    }

    static func draft(_ release: ReleaseID = release, image: String = "fluent-bit:3.1", config: String = "level = info",
                      secrets: [String: String] = ["TOKEN": "t0ken"], author: String = "ada <ada@example.com>",
                      message: String? = "change", restoredFrom: Int? = nil, at seconds: TimeInterval = 1_793_614_443.12)
        -> RevisionDraft
    {
        let document: JSONValue = [
            "apiVersion": "kubernetes.project-planton.org/v1", "kind": "KubernetesDaemonSet",
            "metadata": ["name": .string(release.name)],
            "spec": ["namespace": ["value": .string(release.namespace)],
                     "container": ["app": ["image": ["repo": "fluent-bit", "tag": .string(image)],
                                           "env": ["secrets": .object(secrets.mapValues { ["value": .string($0)] })]]]],
        ]
        var objects = [configMap(config)]
        if !secrets.isEmpty { objects.append(secret(secrets)) }
        objects.append(daemonSet(release, image: image))
        let metadata = RevisionMetadata(action: restoredFrom == nil ? .render : .rollback, author: author, message: message,
                                        sourceFile: "agent.yaml", toolVersion: "0.1.0",
                                        createdAt: Date(timeIntervalSince1970: seconds), restoredFrom: restoredFrom)
        return RevisionDraft.sealing(release: release, document: document, secretPaths: secrets.keys.sorted().map(secretPath),
                                     objects: objects, metadata: metadata, key: key)
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
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}
