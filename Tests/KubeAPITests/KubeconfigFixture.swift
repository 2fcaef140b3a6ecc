import Foundation
import KubeAPI
import TestSupport
import Testing

extension Tag {
    @Tag static var small: Self
    @Tag static var medium: Self
}

/// A temporary folder holding kubeconfig files, and loaders that read them from disk.
struct KubeconfigFixture {
    let folder: URL
    /// Every path the loaders of this fixture were asked to read, in order.
    let reads = ReadLog()

    init() {
        folder = TemporaryFolder.make()
    }

    /// The absolute path of `name` inside the folder.
    func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` (sub-folders created) and returns its absolute path.
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return url.path
    }

    /// A loader reading real files, with `home/` of the folder as home directory. Paths under
    /// the service-account folder are redirected to `serviceaccount/` of the fixture.
    func loader(_ environment: [String: String] = [:]) -> KubeconfigLoader {
        let root = folder.path
        let reads = reads
        return KubeconfigLoader(
            environment: environment,
            readFile: { path in
                reads.append(path)
                let prefix = KubeconfigLoader.serviceAccountFolder
                let real = path.hasPrefix(prefix) ? root + "/serviceaccount" + path.dropFirst(prefix.count) : path
                return try KubeconfigLoader.readFromDisk(real)
            },
            homeDirectory: root + "/home")
    }

    /// Loads and resolves, returning the connection.
    func connection(_ environment: [String: String] = [:], kubeconfig: String? = nil, context: String? = nil)
        throws -> ClusterConnection
    {
        try loader(environment).connection(kubeconfig: kubeconfig, context: context)
    }

    /// The error message the loader produces, or `nil` when it succeeds.
    func failure(_ environment: [String: String] = [:], kubeconfig: String? = nil, context: String? = nil) -> String? {
        do {
            _ = try connection(environment, kubeconfig: kubeconfig, context: context)
            return nil
        } catch {
            return "\(error)"
        }
    }
}

/// A thread-safe list of the paths read.
final class ReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []

    func append(_ path: String) { lock.withLock { paths.append(path) } }
    var all: [String] { lock.withLock { paths } }
}

/// Kubeconfig text for tests: one cluster, one user, one context, each customisable.
enum Sample {
    static let token = "tok-SECRET-1a2b3c"
    static let password = "pw-SECRET-9z8y"
    static let caPEM = "-----BEGIN CERTIFICATE-----\nQ0EtQ0VSVA==\n-----END CERTIFICATE-----\n"
    static let certPEM = "-----BEGIN CERTIFICATE-----\nQ0xJRU5ULUNFUlQ=\n-----END CERTIFICATE-----\n"
    static let keyPEM = "-----BEGIN PRIVATE KEY-----\nS0VZLVNFQ1JFVA==\n-----END PRIVATE KEY-----\n"

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// A whole kubeconfig. `cluster` and `user` are the indented bodies of the entries.
    static func config(
        current: String? = "dev", context: String = "dev", clusterName: String = "dev-cluster",
        userName: String = "dev-user", namespace: String? = nil,
        cluster: String = "server: https://dev.example:6443", user: String = "token: \(token)"
    ) -> String {
        var text = "apiVersion: v1\nkind: Config\n"
        if let current { text += "current-context: \(current)\n" }
        text += "clusters:\n- name: \(clusterName)\n  cluster:\n" + indent(cluster)
        text += "users:\n- name: \(userName)\n  user:\n" + indent(user)
        text += "contexts:\n- name: \(context)\n  context:\n    cluster: \(clusterName)\n    user: \(userName)\n"
        if let namespace { text += "    namespace: \(namespace)\n" }
        return text
    }

    private static func indent(_ body: String) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            .map { "    " + $0 + "\n" }.joined()
    }
}
