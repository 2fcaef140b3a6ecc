@testable import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import TestSupport

/// Requests, watches and waits for the watch tests.
enum WatchCalls {
    /// Sends a request straight to the emulator's state (no TLS), as another client would.
    @discardableResult
    static func send(_ server: APIServer, _ method: String, _ uri: String, _ body: JSONValue? = nil,
                     contentType: String = "application/json") -> (Int, JSONValue) {
        let headers = ["content-type": contentType, "user-agent": "watch-tests/1.0", "authorization": "Bearer \(server.token)"]
        let response = server.state.handle(EmulatorRequest(method: method, uri: uri, headers: headers,
                                                           body: body.map(CanonicalJSON.compactBytes) ?? []),
                                           hasClientCertificate: false, serverAddress: "127.0.0.1:1")
        return (response.status, (try? JSONValue(parsingJSON: String(decoding: response.body, as: UTF8.self))) ?? .null)
    }

    /// A ConfigMap in namespace `ops` (created by ``makeNamespace(_:)``).
    static func configMap(_ name: String, app: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "ops", "labels": ["app": .string(app)]],
         "data": ["k": "v"]]
    }

    static func makeNamespace(_ server: APIServer) {
        send(server, "POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ops"]])
    }

    /// Creates a ConfigMap and returns its resourceVersion.
    @discardableResult
    static func createConfigMap(_ server: APIServer, _ name: String, app: String) -> Int {
        let (_, body) = send(server, "POST", "/api/v1/namespaces/ops/configmaps", configMap(name, app: app))
        return Int(body["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? -1
    }

    /// Relabels a ConfigMap with a merge patch and returns its new resourceVersion.
    @discardableResult
    static func relabel(_ server: APIServer, _ name: String, app: String) -> Int {
        let (_, body) = send(server, "PATCH", "/api/v1/namespaces/ops/configmaps/\(name)", ["metadata": ["labels": ["app": .string(app)]]],
                             contentType: "application/merge-patch+json")
        return Int(body["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? -1
    }

    /// A watch read to its end by curl: the response head, the events, curl's exit status and
    /// how long it took.
    struct Stream {
        var head: String
        var events: [JSONValue]
        var status: Int32
        var seconds: Double

        var types: [String] { events.compactMap { $0["type"]?.stringValue } }
        var names: [String] { events.compactMap { $0["object"]?["metadata"]?["name"]?.stringValue } }
    }

    /// GETs `path` (with its query) through curl over HTTPS and splits the streamed lines;
    /// curl runs on a thread of its own, so a long stream blocks none of the test pool's threads.
    static func watch(_ api: RunningAPIServer, _ path: String, extra: [String] = []) async throws -> Stream {
        try await startWatch(api, path, extra: extra).value
    }

    /// Starts ``watch(_:_:extra:)`` at once, to be awaited later.
    static func startWatch(_ api: RunningAPIServer, _ path: String, extra: [String] = []) -> ThreadRun<Stream> {
        onThread {
            let started = Date()
            let result = try api.curl(arguments: ["-N"] + extra + [api.url + path])
            let text = String(decoding: result.stdout, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let body = parts.dropFirst().joined(separator: "\r\n\r\n")
            let events = body.split(separator: "\n").compactMap { try? JSONValue(parsingJSON: String($0)) }
            return Stream(head: parts.first ?? "", events: events, status: result.status, seconds: Date().timeIntervalSince(started))
        }
    }

    /// Starts blocking work (a child process) at once on a thread of its own: the concurrency
    /// pool has as few threads as cores, and tests blocking them could delay it.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) -> ThreadRun<T> {
        ThreadRun(work)
    }

    /// Ends every open watch from the server's side, after the events already queued (the
    /// emulator's shutdown path), so a test need not wait for a timeout.
    static func endWatches(_ server: APIServer) async {
        for stream in server.state.closeAllWatches() { await stream.end() }
    }

    /// Waits up to `seconds` for `condition`.
    static func eventually(within seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}

/// Work running on a thread of its own, awaited without blocking the concurrency pool.
final class ThreadRun<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?
    private var waiting: CheckedContinuation<T, any Error>?

    init(_ work: @escaping @Sendable () throws -> T) {
        Thread.detachNewThread { [self] in
            let outcome = Result { try work() }
            let continuation = lock.withLock { () -> CheckedContinuation<T, any Error>? in
                result = outcome
                defer { waiting = nil }
                return waiting
            }
            continuation?.resume(with: outcome)
        }
    }

    /// The work's result, once it finished.
    var value: T {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let done = lock.withLock { () -> Result<T, any Error>? in
                    if result == nil { waiting = continuation }
                    return result
                }
                if let done { continuation.resume(with: done) }
            }
        }
    }
}
