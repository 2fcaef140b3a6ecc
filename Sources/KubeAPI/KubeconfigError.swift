import ObjectModel

/// Everything that can go wrong finding, reading and resolving cluster access: kubeconfig files,
/// in-cluster service-account files and exec credential plugins.
///
/// Each message names the file (and, for YAML problems, `line:column`) and says what to do.
/// No message ever contains a token, password, key or certificate, nor a plugin's output.
public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--kubeconfig` file does not exist.
    case fileNotFound(path: String)
    /// A file exists but could not be read; `reason` is the file system's explanation.
    case unreadableFile(path: String, reason: String)
    /// A kubeconfig file is not valid YAML.
    case invalidYAML(file: String, location: SourceLocation?, problem: String)
    /// A field of a kubeconfig file has the wrong shape or value.
    case invalidField(file: String, location: SourceLocation?, field: String, problem: String)
    /// A file named in a kubeconfig (CA, client certificate or key, token file) could not be read.
    case unreadableReference(file: String, location: SourceLocation?, field: String, path: String, reason: String)
    /// No kubeconfig file was found and the process is not running inside a cluster.
    case noConfiguration(searched: [String])
    /// The kubeconfig names no current context and none was given with `--context`.
    case noCurrentContext(files: [String])
    /// The requested context is not defined in any of the files.
    case unknownContext(name: String, files: [String])
    /// A context refers to a cluster or user that no file defines.
    case unknownReference(file: String, location: SourceLocation?, context: String, kind: String, name: String)
    /// The resolved settings contradict each other (for example a CA with insecure-skip-tls-verify).
    case invalidConnection(file: String, location: SourceLocation?, field: String, problem: String)
    /// The in-cluster service-account token could not be read.
    case inClusterTokenUnreadable(path: String, reason: String)
    /// The exec plugin command could not be found.
    case execPluginNotFound(command: String, installHint: String?)
    /// The exec plugin could not be started.
    case execPluginFailedToStart(command: String, reason: String)
    /// The exec plugin exited with a non-zero status.
    case execPluginFailed(command: String, exitCode: Int32)
    /// The exec plugin's output is not a usable `ExecCredential`; `problem` never quotes the output.
    case execPluginInvalidOutput(command: String, problem: String)
    /// The exec plugin answered with another apiVersion than the one it was asked for.
    case execPluginWrongAPIVersion(command: String, expected: String, found: String)
    /// `interactiveMode: Always` but standard input is not a terminal.
    case execPluginNeedsTerminal(command: String)
    /// The exec plugin was still running when its time was up, and was killed.
    case execPluginTimedOut(command: String, timeout: Duration)
    /// The exec plugin printed more than `limit` bytes, and was killed.
    case execPluginOutputTooLarge(command: String, limit: Int)
    /// `proxy-url` (or `HTTPS_PROXY`) with a scheme dsledger cannot use.
    case unsupportedProxy(source: String, scheme: String)
    /// `proxy-url` (or `HTTPS_PROXY`) that names no host.
    case invalidProxy(source: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): error: the kubeconfig file does not exist; check the --kubeconfig path"
        case .unreadableFile(let path, let reason):
            return "\(path): error: cannot read the file: \(reason)"
        case .invalidYAML(let file, let location, let problem):
            return "\(Self.place(file, location)): error: the kubeconfig is not valid YAML: \(problem)"
        case .invalidField(let file, let location, let field, let problem):
            return "\(Self.place(file, location)): error: \(field): \(problem)"
        case .unreadableReference(let file, let location, let field, let path, let reason):
            return "\(Self.place(file, location)): error: \(field): cannot read '\(path)': \(reason)"
        case .noConfiguration(let searched):
            let list = searched.isEmpty ? "" : " (looked for \(searched.map { "'\($0)'" }.joined(separator: ", ")))"
            return "error: no kubeconfig found\(list) and not running inside a cluster;"
                + " pass --kubeconfig or set KUBECONFIG"
        case .noCurrentContext(let files):
            return "\(Self.list(files)): error: no current-context is set; pass --context or run"
                + " 'kubectl config use-context NAME'"
        case .unknownContext(let name, let files):
            return "\(Self.list(files)): error: context '\(name)' is not defined; run 'kubectl config get-contexts'"
                + " to list the contexts"
        case .unknownReference(let file, let location, let context, let kind, let name):
            return "\(Self.place(file, location)): error: contexts[name=\(context)].context.\(kind):"
                + " \(kind) '\(name)' is not defined in any kubeconfig file"
        case .invalidConnection(let file, let location, let field, let problem):
            return "\(Self.place(file, location)): error: \(field): \(problem)"
        case .inClusterTokenUnreadable(let path, let reason):
            return "\(path): error: cannot read the service-account token: \(reason)"
        case .execPluginNotFound(let command, let installHint):
            let hint = installHint.map { "; \($0)" } ?? "; install it or fix 'command' in the kubeconfig"
            return "error: exec credential plugin '\(command)' was not found\(hint)"
        case .execPluginFailedToStart(let command, let reason):
            return "error: exec credential plugin '\(command)' could not be started: \(reason)"
        case .execPluginFailed(let command, let exitCode):
            return "error: exec credential plugin '\(command)' failed with exit code \(exitCode);"
                + " see its messages above"
        case .execPluginInvalidOutput(let command, let problem):
            return "error: exec credential plugin '\(command)' returned an unusable ExecCredential: \(problem)"
        case .execPluginWrongAPIVersion(let command, let expected, let found):
            return "error: exec credential plugin '\(command)' answered with apiVersion '\(found)'"
                + " but was asked for '\(expected)'"
        case .execPluginNeedsTerminal(let command):
            return "error: exec credential plugin '\(command)' has interactiveMode 'Always'"
                + " but standard input is not a terminal"
        case .execPluginTimedOut(let command, let timeout):
            return "error: exec credential plugin '\(command)' did not finish within \(Self.shown(timeout)) and was stopped;"
                + " if it waits for you (a browser login), set DSLEDGER_EXEC_TIMEOUT to a longer duration such as 5m"
        case .execPluginOutputTooLarge(let command, let limit):
            return "error: exec credential plugin '\(command)' printed more than \(limit / 1024) KiB and was stopped;"
                + " an ExecCredential is a few kilobytes"
        case .unsupportedProxy(let source, let scheme):
            return "\(source): error: a '\(scheme)' proxy is not supported; use an HTTP proxy (http://host:port), which"
                + " HTTPS requests go through with CONNECT"
        case .invalidProxy(let source):
            return "\(source): error: not a proxy URL; expected http://host:port"
        }
    }

    /// `250ms`, `60s`, `90s`, `5m`: as a timeout is written.
    private static func shown(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        guard milliseconds % 1000 == 0 else { return "\(milliseconds)ms" }
        let seconds = milliseconds / 1000
        return seconds >= 120 && seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
    }

    private static func place(_ file: String, _ location: SourceLocation?) -> String {
        location.map { "\(file):\($0)" } ?? file
    }

    private static func list(_ files: [String]) -> String {
        files.isEmpty ? "kubeconfig" : files.joined(separator: ", ")
    }
}
