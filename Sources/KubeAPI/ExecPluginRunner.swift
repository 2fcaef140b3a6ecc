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
    /// How long the plugin may run, and how much it may print.
    public var limits: ExecPluginLimits

    public init(command: String, arguments: [String], environment: [String: String], passesStandardInput: Bool,
                limits: ExecPluginLimits = .standard) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.passesStandardInput = passesStandardInput
        self.limits = limits
    }
}

/// How long an exec credential plugin may run and how much it may print before it is stopped
/// (killed): a plugin that hangs or prints without end must not hang dsledger or fill its memory.
public struct ExecPluginLimits: Sendable, Hashable {
    /// The longest run; 60 seconds unless the user sets another (`DSLEDGER_EXEC_TIMEOUT`).
    public var timeout: Duration
    /// The most bytes read from the plugin's standard output; 1 MiB (an `ExecCredential` with a
    /// client certificate is a few kilobytes).
    public var outputLimit: Int

    public init(timeout: Duration = .seconds(60), outputLimit: Int = 1 << 20) {
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    /// 60 seconds and 1 MiB.
    public static let standard = ExecPluginLimits()
}

/// Thrown by a runner when the plugin was stopped for going past one of its ``ExecPluginLimits``.
public enum ExecPluginStopped: Error, Sendable, Hashable {
    /// It was still running when its time was up.
    case timedOut(Duration)
    /// It printed more than this many bytes.
    case outputTooLarge(Int)
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
    /// Runs the plugin and waits for it, within its limits; standard error passes through to
    /// this process's.
    public static let run: ExecPluginRunner = { invocation in
        guard let executable = ProcessPluginRunner.locate(invocation.command, path: invocation.environment["PATH"] ?? "")
        else { throw ExecPluginNotFound(command: invocation.command) }
        return try await withCheckedThrowingContinuation { continuation in
            // Waiting for the plugin blocks: a thread of its own, so that neither the cooperative
            // pool nor a busy Dispatch pool can hold its deadline back.
            Thread { continuation.resume(with: Result { try runToEnd(executable, invocation) }) }.start()
        }
    }

    static func runToEnd(_ executable: String, _ invocation: ExecPluginInvocation) throws -> ExecPluginOutput {
        let deadline = ContinuousClock.now + invocation.limits.timeout
        let plugin = try PluginProcess(executable: executable, invocation: invocation)
        defer { close(plugin.output) }
        do {
            let data = try PluginOutputReader(descriptor: plugin.output, limits: invocation.limits, deadline: deadline).readToEnd()
            // The plugin may close its output and still not exit.
            let status = try plugin.waitForExit(until: deadline, timeout: invocation.limits.timeout)
            return ExecPluginOutput(exitCode: status, standardOutput: data)
        } catch {
            plugin.kill()
            throw error
        }
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
