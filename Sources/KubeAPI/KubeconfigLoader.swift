import Foundation

/// Finds and reads the kubeconfig the way kubectl does, and resolves a context into a
/// ``ClusterConnection``.
///
/// Sources, in order:
/// 1. the `--kubeconfig` path, alone (it must exist);
/// 2. else `KUBECONFIG`, a `:`-separated list merged first-wins (missing files skipped);
/// 3. else `~/.kube/config`;
/// 4. when those define nothing: the in-cluster service account, if `KUBERNETES_SERVICE_HOST`
///    and `KUBERNETES_SERVICE_PORT` are set.
///
/// The loader reads only through its seams, never the process's environment or disk directly:
///
/// ```swift
/// let loader = KubeconfigLoader(environment: env, readFile: KubeconfigLoader.readFromDisk,
///                               homeDirectory: NSHomeDirectory())
/// let connection = try loader.connection(kubeconfig: options.kubeconfig, context: options.context)
/// ```
public struct KubeconfigLoader: Sendable {
    /// Thrown by a file reader for a file that does not exist (other errors count as unreadable).
    public struct FileNotFound: Error, Sendable {
        public var path: String
        public init(path: String) { self.path = path }
    }

    /// The environment variables to honour (`KUBECONFIG`, `KUBERNETES_SERVICE_HOST`, …).
    public var environment: [String: String]
    /// Reads a whole file; throws ``FileNotFound`` (or a Foundation "no such file" error) when
    /// the file does not exist.
    public var readFile: @Sendable (String) throws -> Data
    /// The user's home folder, for `~/.kube/config`.
    public var homeDirectory: String

    /// The folder holding the service-account `token`, `ca.crt` and `namespace` files.
    public static let serviceAccountFolder = "/var/run/secrets/kubernetes.io/serviceaccount"

    public init(environment: [String: String], readFile: @escaping @Sendable (String) throws -> Data,
                homeDirectory: String) {
        self.environment = environment
        self.readFile = readFile
        self.homeDirectory = homeDirectory
    }

    /// The production file reader: the file's bytes from disk.
    public static let readFromDisk: @Sendable (String) throws -> Data = { path in
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if KubeconfigLoader.isMissingFile(error) { throw FileNotFound(path: path) }
            throw error
        }
    }

    /// The kubeconfig files to read, in precedence order: the explicit path alone, else the
    /// `KUBECONFIG` entries (empty entries and repeats dropped), else `~/.kube/config`.
    public func kubeconfigPaths(explicit: String?) -> [String] {
        if let explicit, !explicit.isEmpty { return [explicit] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
                .filter { seen.insert($0).inserted }
        }
        return [(homeDirectory as NSString).appendingPathComponent(".kube/config")]
    }

    /// Reads and merges the kubeconfig files.
    ///
    /// - Parameter explicitPath: the `--kubeconfig` option, used alone and required to exist.
    /// - Returns: the merged configuration; empty when no file exists.
    /// - Throws: ``KubeconfigError`` for a missing explicit file, an unreadable file or bad YAML.
    public func load(explicitPath: String? = nil) throws(KubeconfigError) -> Kubeconfig {
        let isExplicit = explicitPath.map { !$0.isEmpty } ?? false
        var merged = Kubeconfig()
        for path in kubeconfigPaths(explicit: explicitPath) {
            let data: Data
            do {
                data = try readFile(path)
            } catch {
                guard Self.isMissingFile(error) else { throw .unreadableFile(path: path, reason: Self.reason(error)) }
                if isExplicit { throw .fileNotFound(path: path) }
                continue
            }
            merged.merge(try KubeconfigParser(file: path).parse(data))
        }
        return merged
    }

    /// Resolves the connection to use: the context `context` (or the current context) of the
    /// kubeconfig, or the in-cluster service account when no kubeconfig defines anything.
    ///
    /// - Parameters:
    ///   - explicitPath: the `--kubeconfig` option.
    ///   - context: the `--context` option.
    /// - Throws: ``KubeconfigError`` naming the file, and `line:column` for YAML problems.
    public func connection(kubeconfig explicitPath: String? = nil, context: String? = nil)
        throws(KubeconfigError) -> ClusterConnection
    {
        let config = try load(explicitPath: explicitPath)
        if config.isEmpty && (context ?? "").isEmpty && explicitPath == nil {
            if let inCluster = try inClusterConnection() { return inCluster }
            throw .noConfiguration(searched: kubeconfigPaths(explicit: nil))
        }
        return try KubeconfigResolver(config: config, readFile: readFile).connection(context: context)
    }

    /// Why reading failed, without file contents: the underlying error's own message.
    static func reason(_ error: any Error) -> String {
        if let error = error as? KubeconfigError { return error.description }
        if isMissingFile(error) { return "no such file" }
        return (error as NSError).localizedDescription
    }

    /// True for the "no such file" errors of this module and of Foundation.
    static func isMissingFile(_ error: any Error) -> Bool {
        if error is FileNotFound { return true }
        if let error = error as? CocoaError, [.fileReadNoSuchFile, .fileNoSuchFile].contains(error.code) { return true }
        if let error = error as? POSIXError, error.code == .ENOENT { return true }
        let error = error as NSError
        return error.domain == NSPOSIXErrorDomain && error.code == Int(ENOENT)
    }
}
