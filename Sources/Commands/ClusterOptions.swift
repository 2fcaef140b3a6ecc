import ArgumentParser
import Foundation
import KubeAPI
import Ledger

/// `--kubeconfig` and `--context`, shared by every command that talks to a cluster.
struct ClusterOptions: ParsableArguments {
    @Option(help: "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else the pod's service account).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context (default: the current context).")
    var context: String?

    /// The connection the options and the environment name, or one clear error.
    func connection(in context: CommandContext) throws -> ClusterConnection {
        let loader = Self.loader(in: context)
        return try loader.connection(kubeconfig: kubeconfig, context: self.context)
    }

    /// The cluster `--context` (else the current context) names: its API server and context name,
    /// read from the kubeconfig (no connection made).
    func target(in context: CommandContext) throws -> ClusterTarget {
        try Self.target(self.context, kubeconfig: kubeconfig, in: context)
    }

    /// The cluster of context `explicit`, else of the current context.
    static func target(_ explicit: String?, kubeconfig: String?, in context: CommandContext) throws -> ClusterTarget {
        try loader(in: context).connection(kubeconfig: kubeconfig, context: explicit).target
    }

    private static func loader(in context: CommandContext) -> KubeconfigLoader {
        let home = context.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return KubeconfigLoader(environment: context.environment, readFile: context.readFile, homeDirectory: home)
    }
}

extension ClusterConnection {
    /// The context name and server URL recorded with cluster events.
    var target: ClusterTarget {
        switch source {
        case .kubeconfig(let context, _): return ClusterTarget(context: context, server: server.absoluteString)
        case .inCluster: return ClusterTarget(context: "in-cluster", server: server.absoluteString)
        }
    }
}

extension CommandContext {
    /// Runs `body` with a Kubernetes client for `connection` (always shut down after), identifying
    /// as this dsledger version and running exec credential plugins with this context's
    /// environment. A client error that escapes `body` becomes one clear message.
    func withClient<T: Sendable>(_ connection: ClusterConnection, _ body: (KubeClient) async throws -> T) async throws -> T {
        let limits = try execLimits()
        do {
            return try await withKubeClient(connection, userAgent: "dsledger/\(ToolVersion.current)", environment: environment,
                                            execLimits: limits, body)
        } catch let error as KubeAPIError {
            throw CommandError.cluster(connection.server.absoluteString, error)
        }
    }
}

extension CommandContext {
    /// How long an exec credential plugin may run: `DSLEDGER_EXEC_TIMEOUT` (a duration as
    /// `--timeout` takes one: `90s`, `5m`), else 60 seconds.
    /// - Throws: ``CommandError/invalidExecTimeout(_:)`` for a value that is not a duration.
    func execLimits() throws -> ExecPluginLimits {
        try Self.execLimits(in: environment)
    }

    /// ``execLimits()`` for the environment `environment`.
    static func execLimits(in environment: [String: String]) throws -> ExecPluginLimits {
        guard let text = environment["DSLEDGER_EXEC_TIMEOUT"], !text.isEmpty else { return .standard }
        guard let timeout = TimeoutDuration(text), timeout.duration > .zero else { throw CommandError.invalidExecTimeout(text) }
        return ExecPluginLimits(timeout: timeout.duration)
    }
}
