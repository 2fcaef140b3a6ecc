import APIServerEmulator
import Foundation
import KubeDefaults
import TestSupport

/// What a test gets from ``withAPIServer(version:_:)``.
public struct RunningAPIServer: Sendable {
    /// The emulator itself (stored objects, recorded requests).
    public var server: APIServer
    /// `https://127.0.0.1:<port>`.
    public var url: String { server.url }
    /// A kubeconfig for the emulator, written in a fresh temporary folder.
    public var kubeconfigPath: String
    /// The requests received so far.
    public var requests: [RecordedRequest] { server.requests }

    /// Runs kubectl against the emulator through the kubeconfig.
    public func kubectl(_ arguments: String..., stdin: String = "") throws -> Subprocess {
        try Subprocess.run("/usr/bin/kubectl", ["--kubeconfig", kubeconfigPath] + arguments, stdin: stdin,
                           environment: ["HOME": (kubeconfigPath as NSString).deletingLastPathComponent, "PATH": "/usr/bin:/bin"])
    }
}

/// Starts the emulator on loopback port 0 over HTTPS, runs `body`, and always shuts the
/// emulator down, on success and on error (STYLE §7 "HTTP").
public func withAPIServer<T: Sendable>(version: String = "1.31", _ body: (RunningAPIServer) async throws -> T) async throws -> T {
    guard let parsed = KubernetesVersion(version) else { throw EmulatorTestError.badVersion(version) }
    let server = try await APIServer.start(version: parsed)
    let folder = TemporaryFolder.make()
    let path = folder.appendingPathComponent("kubeconfig").path
    do {
        try server.writeKubeconfig(to: path)
        let result = try await body(RunningAPIServer(server: server, kubeconfigPath: path))
        try await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
        return result
    } catch {
        try? await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
        throw error
    }
}

/// A test asked for a version the emulator cannot parse.
public enum EmulatorTestError: Error {
    case badVersion(String)
}
