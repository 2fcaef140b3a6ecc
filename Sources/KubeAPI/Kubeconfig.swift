import Foundation
import ObjectModel

/// The merged content of one or more kubeconfig files (`apiVersion: v1`, `kind: Config`).
///
/// Produced by ``KubeconfigLoader``. Entries keep the file they came from, so relative paths
/// and error messages refer to the right file. When several files define the same name, the
/// first one wins; the losing definitions are dropped whole (no per-field merge).
public struct Kubeconfig: Sendable, Equatable {
    /// The files that were read, in precedence order (missing `KUBECONFIG` entries excluded).
    public var files: [String]
    /// The first non-empty `current-context` among the files, if any.
    public var currentContext: String?
    /// Clusters by name.
    public var clusters: [String: Cluster]
    /// Users (`users[].user`, "auth infos") by name.
    public var users: [String: User]
    /// Contexts by name.
    public var contexts: [String: Context]

    /// An empty configuration that read no file.
    public init(files: [String] = [], currentContext: String? = nil, clusters: [String: Cluster] = [:],
                users: [String: User] = [:], contexts: [String: Context] = [:]) {
        self.files = files
        self.currentContext = currentContext
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
    }

    /// True when the files defined nothing at all (what client-go calls the default config).
    public var isEmpty: Bool {
        currentContext == nil && clusters.isEmpty && users.isEmpty && contexts.isEmpty
    }

    /// Adds what `other` defines and `self` does not: the merge rule of `KUBECONFIG`.
    mutating func merge(_ other: Kubeconfig) {
        files += other.files
        if currentContext == nil { currentContext = other.currentContext }
        clusters.merge(other.clusters) { first, _ in first }
        users.merge(other.users) { first, _ in first }
        contexts.merge(other.contexts) { first, _ in first }
    }
}

/// Where a kubeconfig value was written: the file and, when known, the line and column.
public struct KubeconfigOrigin: Sendable, Hashable {
    /// The kubeconfig file, as it was named (`--kubeconfig`, `KUBECONFIG` or the default path).
    public var file: String
    /// The position of the value in that file.
    public var location: SourceLocation?

    public init(file: String, location: SourceLocation?) {
        self.file = file
        self.location = location
    }
}

/// A file named inside a kubeconfig, such as `certificate-authority` or `tokenFile`.
public struct FileReference: Sendable, Hashable {
    /// The path to read: relative paths already resolved against the kubeconfig's folder.
    public var path: String
    /// Where the reference was written.
    public var origin: KubeconfigOrigin

    public init(path: String, origin: KubeconfigOrigin) {
        self.path = path
        self.origin = origin
    }
}

extension Kubeconfig {
    /// One `clusters[]` entry.
    public struct Cluster: Sendable, Equatable {
        public var name: String
        /// Where the entry was written.
        public var origin: KubeconfigOrigin
        /// `server`, with where it was written; required to connect.
        public var server: String?
        public var serverOrigin: KubeconfigOrigin?
        /// `certificate-authority` (a PEM file).
        public var certificateAuthority: FileReference?
        /// `certificate-authority-data`, decoded from base64 (PEM bytes); wins over the file.
        public var certificateAuthorityData: Data?
        public var insecureSkipTLSVerify = false
        public var tlsServerName: String?
        public var proxyURL: String?
        public var disableCompression = false
        /// The `client.authentication.k8s.io/exec` extension, handed to exec plugins as `config`.
        public var execExtension: JSONValue?

        public init(name: String, origin: KubeconfigOrigin) {
            self.name = name
            self.origin = origin
        }
    }

    /// One `users[]` entry.
    public struct User: Sendable, Equatable {
        public var name: String
        public var origin: KubeconfigOrigin
        public var clientCertificate: FileReference?
        /// `client-certificate-data`, decoded (PEM bytes); wins over the file.
        public var clientCertificateData: Data?
        public var clientKey: FileReference?
        /// `client-key-data`, decoded (PEM bytes); wins over the file.
        public var clientKeyData: Data?
        public var token: String?
        public var tokenFile: FileReference?
        public var username: String?
        public var password: String?
        public var exec: ExecPluginConfig?
        /// Where a legacy `auth-provider` was written; such users cannot be used.
        public var authProvider: KubeconfigOrigin?

        public init(name: String, origin: KubeconfigOrigin) {
            self.name = name
            self.origin = origin
        }
    }

    /// One `contexts[]` entry.
    public struct Context: Sendable, Equatable {
        public var name: String
        public var origin: KubeconfigOrigin
        public var cluster: String?
        public var user: String?
        /// The default namespace; `nil` means `default`.
        public var namespace: String?

        public init(name: String, origin: KubeconfigOrigin) {
            self.name = name
            self.origin = origin
        }
    }
}

extension Kubeconfig.User: CustomStringConvertible {
    /// The user's name and which credentials it has; never their values.
    public var description: String {
        var kinds: [String] = []
        if token != nil || tokenFile != nil { kinds.append("token") }
        if username != nil || password != nil { kinds.append("basic auth") }
        if clientCertificate != nil || clientCertificateData != nil { kinds.append("client certificate") }
        if exec != nil { kinds.append("exec") }
        if authProvider != nil { kinds.append("auth-provider") }
        return "User(name: '\(name)', credentials: \(kinds.isEmpty ? "none" : kinds.joined(separator: ", ")))"
    }
}
