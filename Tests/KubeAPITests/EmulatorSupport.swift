import APIServerEmulator
import EmulatorTestSupport
import Foundation
import KubeAPI
import ObjectModel
import Testing

extension Tag {
    @Tag static var large: Self
}

/// Connections to the emulator and the settings the integration tests share.
enum Emulator {
    /// Retries quick enough for tests.
    static let fast = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20),
                                  maxRetryAfter: .milliseconds(20))
    /// The environment exec plugins run with.
    static let environment = ["PATH": "/usr/bin:/bin"]

    /// The connection of a context of the emulator's kubeconfig (`emulator-token` or `emulator-cert`).
    static func connection(_ running: RunningAPIServer, context: String = Kubeconfig.tokenContext) throws -> ClusterConnection {
        try KubeconfigLoader(environment: [:], readFile: KubeconfigLoader.readFromDisk, homeDirectory: "/nonexistent")
            .connection(kubeconfig: running.kubeconfigPath, context: context)
    }

    /// Runs `body` with a client for `connection`, fast retries and a small environment.
    static func withClient<T: Sendable>(_ connection: ClusterConnection, retry: RetryPolicy = fast,
                                        _ body: (KubeClient) async throws -> T) async throws -> T {
        try await withKubeClient(connection, retry: retry, environment: environment, body)
    }

    /// Applies namespace `default` (which the emulator, like every API server, already has) with
    /// its own client, so tests can count their own requests after it: the log starts with it.
    static func createDefaultNamespace(_ running: RunningAPIServer) async throws {
        let namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "default"]]
        _ = try await withClient(try connection(running)) {
            try await $0.apply(namespace, fieldManager: "test-setup", force: false, dryRun: false)
        }
    }

    /// The folder holding the kubeconfig, for files a test writes.
    static func folder(_ running: RunningAPIServer) -> String {
        (running.kubeconfigPath as NSString).deletingLastPathComponent
    }

    /// Writes `text` to `name` in the test's folder, executable when asked, and returns the path.
    @discardableResult
    static func write(_ running: RunningAPIServer, _ name: String, _ text: String, executable: Bool = false) throws -> String {
        let path = folder(running) + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }

    /// A ConfigMap to apply.
    static func configMap(_ name: String, data: [String: JSONValue], labels: [String: JSONValue] = [:],
                          namespace: String = "default") -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(name), "namespace": .string(namespace)]
        if !labels.isEmpty { metadata["labels"] = .object(labels) }
        return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata), "data": .object(data)]
    }
}
