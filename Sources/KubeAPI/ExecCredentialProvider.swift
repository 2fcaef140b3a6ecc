import Foundation
import ObjectModel

/// Gets credentials from an exec credential plugin (`users[].user.exec`) and caches them.
///
/// The plugin runs with the client's environment plus the kubeconfig's `env` and
/// `KUBERNETES_EXEC_INFO` (an `ExecCredential` request, with the cluster's details when
/// `provideClusterInfo` is set). A credential is reused until its `expirationTimestamp`, or for
/// the provider's lifetime when it has none. Concurrent callers share one plugin run.
///
/// ```swift
/// let provider = ExecCredentialProvider(config: exec, connection: connection,
///                                       environment: env, runner: ProcessPluginRunner.run)
/// let token = try await provider.credential().token
/// ```
public actor ExecCredentialProvider {
    private let config: ExecPluginConfig
    private let clusterInfo: JSONValue?
    private let environment: [String: String]
    private let runner: ExecPluginRunner
    private let now: @Sendable () -> Date
    private let standardInputIsTerminal: Bool
    private let limits: ExecPluginLimits
    private var cached: ExecCredential?
    private var pending: Task<Result<ExecCredential, KubeconfigError>, Never>?

    /// Creates a provider.
    /// - Parameters:
    ///   - config: the plugin's configuration.
    ///   - connection: the connection it authenticates; its cluster details are sent when
    ///     `provideClusterInfo` is set.
    ///   - environment: the client's environment, which the plugin inherits.
    ///   - runner: runs the plugin; ``ProcessPluginRunner/run`` in production.
    ///   - now: the clock that decides expiry.
    ///   - standardInputIsTerminal: whether the client's standard input is a terminal.
    ///   - limits: how long the plugin may run and how much it may print.
    public init(config: ExecPluginConfig, connection: ClusterConnection, environment: [String: String],
                runner: @escaping ExecPluginRunner, now: @escaping @Sendable () -> Date = { Date() },
                standardInputIsTerminal: Bool = false, limits: ExecPluginLimits = .standard) {
        self.config = config
        // Not `nil` in a ternary: JSONValue is ExpressibleByNilLiteral, so that would mean `.null`.
        self.clusterInfo = config.provideClusterInfo ? .some(connection.execClusterInfo) : .none
        self.environment = environment
        self.runner = runner
        self.now = now
        self.standardInputIsTerminal = standardInputIsTerminal
        self.limits = limits
    }

    /// The current credential: the cached one while it is valid, else a fresh one from the plugin.
    /// - Throws: ``KubeconfigError`` when the plugin is missing, fails, or prints something unusable.
    public func credential() async throws(KubeconfigError) -> ExecCredential {
        if let cached, cached.expiration.map({ now() < $0 }) ?? true { return cached }
        let task: Task<Result<ExecCredential, KubeconfigError>, Never>
        if let pending {
            task = pending
        } else {
            let next = try invocation()
            let (runner, config) = (self.runner, self.config)
            task = Task { await Self.run(next, runner: runner, config: config) }
            pending = task
        }
        let result = await task.value
        if pending == task { pending = nil }
        let credential = try result.get()
        cached = credential
        return credential
    }

    /// Forgets the cached credential, so the next request runs the plugin again (after a 401).
    public func invalidate() {
        cached = nil
    }

    /// The invocation for the next run.
    func invocation() throws(KubeconfigError) -> ExecPluginInvocation {
        let interactive: Bool
        switch config.interactiveMode {
        case .never: interactive = false
        case .ifAvailable: interactive = standardInputIsTerminal
        case .always:
            guard standardInputIsTerminal else { throw .execPluginNeedsTerminal(command: config.command) }
            interactive = true
        }
        var env = environment
        for entry in config.env { env[entry.name] = entry.value }
        env["KUBERNETES_EXEC_INFO"] = ExecCredential.request(
            apiVersion: config.apiVersion, interactive: interactive, cluster: clusterInfo)
        return ExecPluginInvocation(command: config.command, arguments: config.args, environment: env,
                                    passesStandardInput: interactive, limits: limits)
    }

    private static func run(_ invocation: ExecPluginInvocation, runner: ExecPluginRunner, config: ExecPluginConfig)
        async -> Result<ExecCredential, KubeconfigError>
    {
        let output: ExecPluginOutput
        do {
            output = try await runner(invocation)
        } catch let stopped as ExecPluginStopped {
            switch stopped {
            case .timedOut(let timeout): return .failure(.execPluginTimedOut(command: config.command, timeout: timeout))
            case .outputTooLarge(let limit): return .failure(.execPluginOutputTooLarge(command: config.command, limit: limit))
            }
        } catch is ExecPluginNotFound {
            return .failure(.execPluginNotFound(command: config.command, installHint: config.installHint))
        } catch {
            return .failure(.execPluginFailedToStart(command: config.command, reason: KubeconfigLoader.reason(error)))
        }
        guard output.exitCode == 0 else {
            return .failure(.execPluginFailed(command: config.command, exitCode: output.exitCode))
        }
        return Result { () throws(KubeconfigError) in
            try ExecCredential.parse(output.standardOutput, expected: config.apiVersion, command: config.command)
        }
    }
}
