import Foundation

/// One run of an exec credential plugin, as ``ExecCredentialProvider`` asks for it.
public struct ExecPluginInvocation: Sendable, Equatable {
    /// The command: a bare name (look it up on `PATH` from ``environment``) or a path.
    public var command: String
    public var arguments: [String]
    /// The plugin's whole environment: the client's, the kubeconfig's `env`, and
    /// `KUBERNETES_EXEC_INFO`.
    public var environment: [String: String]
    /// Whether the plugin gets the client's standard input (interactive plugins only).
    public var passesStandardInput: Bool

    public init(command: String, arguments: [String], environment: [String: String], passesStandardInput: Bool) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.passesStandardInput = passesStandardInput
    }
}

/// What a plugin run produced. Standard error is not captured: it goes to the user.
public struct ExecPluginOutput: Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput: Data

    public init(exitCode: Int32, standardOutput: Data) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
    }
}

/// Thrown by a runner when the plugin's program does not exist.
public struct ExecPluginNotFound: Error, Sendable {
    public var command: String
    public init(command: String) { self.command = command }
}

/// Runs exec credential plugins: the seam ``ExecCredentialProvider`` runs them through.
///
/// A runner throws ``ExecPluginNotFound`` when the program is missing; other thrown errors mean
/// the program could not be started.
public typealias ExecPluginRunner = @Sendable (ExecPluginInvocation) async throws -> ExecPluginOutput

/// The production runner: a child process through Foundation's `Process`.
public enum ProcessPluginRunner {
    /// Runs the plugin and waits for it; standard error passes through to this process's.
    public static let run: ExecPluginRunner = { invocation in
        guard let executable = ProcessPluginRunner.locate(invocation.command, path: invocation.environment["PATH"] ?? "")
        else { throw ExecPluginNotFound(command: invocation.command) }
        return try await withCheckedThrowingContinuation { continuation in
            // Waiting for the child blocks, so do it off the cooperative pool.
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runToEnd(executable, invocation) })
            }
        }
    }

    private static func runToEnd(_ executable: String, _ invocation: ExecPluginInvocation) throws -> ExecPluginOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = invocation.arguments
        process.environment = invocation.environment
        process.standardInput = invocation.passesStandardInput ? FileHandle.standardInput : FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ExecPluginOutput(exitCode: process.terminationStatus, standardOutput: data)
    }

    /// The executable for `command`: itself when it holds a `/`, else the first match on `path`.
    static func locate(_ command: String, path: String) -> String? {
        let files = FileManager.default
        if command.contains("/") { return files.isExecutableFile(atPath: command) ? command : nil }
        for folder in path.split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(command)
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
