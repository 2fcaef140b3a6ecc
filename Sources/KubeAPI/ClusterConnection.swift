import Foundation
import ObjectModel

/// Everything needed to reach one cluster as one user: the result of resolving a kubeconfig
/// context (or the in-cluster service account) with ``KubeconfigLoader``.
///
/// Certificates and keys are PEM bytes, whether the kubeconfig gave a file or inline data.
/// The value's `description` never shows a secret.
public struct ClusterConnection: Sendable, Equatable {
    /// Where the connection came from.
    public enum Source: Sendable, Equatable {
        /// A kubeconfig context; `files` are the kubeconfig files that were merged.
        case kubeconfig(context: String, files: [String])
        /// The pod's service account (`KUBERNETES_SERVICE_HOST`/`_PORT` and its mounted files).
        case inCluster
    }

    /// HTTP basic authentication (`username`/`password`); the password is never printed.
    public struct BasicAuth: Sendable, Equatable, CustomStringConvertible {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "BasicAuth(username: '\(username)', password: <redacted>)" }
    }

    public var source: Source
    /// The cluster entry's name (`nil` in cluster).
    public var clusterName: String?
    /// The user entry's name (`nil` when the context names none, and in cluster).
    public var userName: String?
    /// The API server's URL, such as `https://10.0.0.1:6443`.
    public var server: URL
    /// PEM bytes of the CA bundle to trust; `nil` means the system roots.
    public var certificateAuthority: Data?
    /// Where ``certificateAuthority`` came from, for messages: `file '/path/ca.crt'` or
    /// `certificate-authority-data of cluster 'prod' in '/home/me/.kube/config'`.
    public var certificateAuthorityOrigin: String?
    /// Skip verifying the server's certificate (never combined with a CA).
    public var insecureSkipTLSVerify: Bool
    /// The name to send as SNI and to verify instead of the server's host.
    public var tlsServerName: String?
    /// `proxy-url`, when set.
    public var proxyURL: String?
    /// `disable-compression`.
    public var disableCompression: Bool
    /// The client certificate and key (PEM bytes), when the user authenticates with one.
    public var clientCertificate: Data?
    public var clientKey: Data?
    /// The bearer token (literal and/or file); ask it for the current value before each use.
    public var bearerToken: BearerTokenSource?
    /// Basic authentication, when configured.
    public var basicAuth: BasicAuth?
    /// The exec credential plugin, when configured; run it through ``ExecCredentialProvider``.
    public var exec: ExecPluginConfig?
    /// The cluster's `client.authentication.k8s.io/exec` extension, for exec plugins.
    public var execExtension: JSONValue?
    /// The context's namespace, `default` when it sets none.
    public var namespace: String

    /// A connection to `server` with no credentials; set the rest as needed.
    public init(source: Source, server: URL, namespace: String = "default") {
        self.source = source
        self.server = server
        self.namespace = namespace
        self.insecureSkipTLSVerify = false
        self.disableCompression = false
    }

    /// The cluster details an exec plugin receives with `provideClusterInfo: true`.
    public var execClusterInfo: JSONValue {
        var cluster: [String: JSONValue] = ["server": .string(server.absoluteString)]
        if let tlsServerName { cluster["tls-server-name"] = .string(tlsServerName) }
        if insecureSkipTLSVerify { cluster["insecure-skip-tls-verify"] = true }
        if let certificateAuthority {
            cluster["certificate-authority-data"] = .string(certificateAuthority.base64EncodedString())
        }
        if let proxyURL { cluster["proxy-url"] = .string(proxyURL) }
        if disableCompression { cluster["disable-compression"] = true }
        if let execExtension { cluster["config"] = execExtension }
        return .object(cluster)
    }
}

extension ClusterConnection: CustomStringConvertible {
    /// A one-line summary for logs: where, who, and which kinds of credentials; never their values.
    public var description: String {
        var parts: [String] = []
        switch source {
        case .kubeconfig(let context, _): parts.append("context '\(context)'")
        case .inCluster: parts.append("in-cluster")
        }
        parts.append("server \(server.absoluteString)")
        parts.append("namespace '\(namespace)'")
        var auth: [String] = []
        if bearerToken != nil { auth.append("bearer token") }
        if basicAuth != nil { auth.append("basic auth") }
        if clientCertificate != nil { auth.append("client certificate") }
        if let exec { auth.append("exec plugin '\(exec.command)'") }
        parts.append(auth.isEmpty ? "anonymous" : auth.joined(separator: " + "))
        return parts.joined(separator: ", ")
    }
}
