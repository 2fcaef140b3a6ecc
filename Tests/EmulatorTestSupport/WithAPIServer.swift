import APIServerEmulator
import Foundation
import KubernetesRules
import TestSupport

/// What a test gets from ``withAPIServer(version:nodes:_:)``.
public struct RunningAPIServer: Sendable {
    /// The emulator itself (stored objects, recorded requests, faults, tokens).
    public var server: APIServer
    /// `https://127.0.0.1:<port>`.
    public var url: String { server.url }
    /// A kubeconfig for the emulator, written in a fresh temporary folder.
    public var kubeconfigPath: String
    /// The requests received so far.
    public var requests: [RecordedRequest] { server.requests }

    /// The folder holding the kubeconfig and `ca.crt`; tests may write files there.
    public var folder: String { (kubeconfigPath as NSString).deletingLastPathComponent }

    /// The CA certificate written as a PEM file next to the kubeconfig.
    public var caCertificatePath: String { folder + "/ca.crt" }

    /// Runs kubectl against the emulator through the kubeconfig.
    public func kubectl(_ arguments: String..., stdin: String = "", environment: [String: String] = [:]) throws -> Subprocess {
        try kubectl(arguments: arguments, stdin: stdin, environment: environment)
    }

    /// Runs kubectl with an argument array.
    public func kubectl(arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Subprocess {
        let base = ["HOME": folder, "PATH": "/usr/bin:/bin"]
        return try Subprocess.run("/usr/bin/kubectl", ["--kubeconfig", kubeconfigPath] + arguments, stdin: stdin,
                                  environment: base.merging(environment) { $1 })
    }

    /// Runs curl against the emulator, trusting its CA and sending the bearer token; `-i`
    /// includes the response head in standard output.
    public func curl(_ arguments: String...) throws -> Subprocess {
        try curl(arguments: arguments)
    }

    /// Runs curl with an argument array.
    public func curl(arguments: [String]) throws -> Subprocess {
        try Subprocess.run("/usr/bin/curl", ["-sS", "-i", "--cacert", caCertificatePath,
                                             "-H", "Authorization: Bearer \(server.token)"] + arguments,
                           environment: ["HOME": folder, "PATH": "/usr/bin:/bin"])
    }
}

/// Starts the emulator on loopback port 0 over HTTPS with `nodes` Ready nodes (and `watch`
/// settings), runs `body`, and always shuts the emulator down, on success and on error.
public func withAPIServer<T: Sendable>(version: String = "1.31", nodes: Int = 3, watch: WatchSettings = WatchSettings(),
                                       _ body: (RunningAPIServer) async throws -> T) async throws -> T {
    guard let parsed = KubernetesVersion(version) else { throw EmulatorTestError.badVersion(version) }
    let server = try await APIServer.start(version: parsed, nodes: nodes, watch: watch)
    let folder = TemporaryFolder.make()
    let path = folder.appendingPathComponent("kubeconfig").path
    do {
        try server.writeKubeconfig(to: path)
        try server.caCertificatePEM.write(to: folder.appendingPathComponent("ca.crt"), atomically: true, encoding: .utf8)
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
