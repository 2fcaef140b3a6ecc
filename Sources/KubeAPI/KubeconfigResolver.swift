import Foundation
import ObjectModel

/// Turns one context of a merged ``Kubeconfig`` into a ``ClusterConnection``: follows the
/// context to its cluster and user, reads the files they name, and applies client-go's
/// validation (a CA never with insecure-skip-tls-verify, a certificate always with its key,
/// one authentication method per user).
struct KubeconfigResolver {
    var config: Kubeconfig
    var readFile: @Sendable (String) throws -> Data

    func connection(context requested: String?) throws(KubeconfigError) -> ClusterConnection {
        let name: String
        if let requested, !requested.isEmpty {
            name = requested
        } else if let current = config.currentContext, !current.isEmpty {
            name = current
        } else {
            throw .noCurrentContext(files: config.files)
        }
        guard let context = config.contexts[name] else { throw .unknownContext(name: name, files: config.files) }
        guard let clusterName = context.cluster, !clusterName.isEmpty else {
            throw .invalidField(file: context.origin.file, location: context.origin.location,
                                field: "contexts[name=\(name)].context.cluster", problem: "required; name a cluster")
        }
        guard let cluster = config.clusters[clusterName] else {
            throw .unknownReference(file: context.origin.file, location: context.origin.location,
                                    context: name, kind: "cluster", name: clusterName)
        }
        var connection = try clusterConnection(cluster, context: name)
        connection.namespace = context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        if let userName = context.user, !userName.isEmpty {
            guard let user = config.users[userName] else {
                throw .unknownReference(file: context.origin.file, location: context.origin.location,
                                        context: name, kind: "user", name: userName)
            }
            try apply(user, to: &connection)
        }
        return connection
    }

    private func clusterConnection(_ cluster: Kubeconfig.Cluster, context: String)
        throws(KubeconfigError) -> ClusterConnection
    {
        let field = "clusters[name=\(cluster.name)].cluster"
        guard let written = cluster.server, !written.isEmpty else {
            throw .invalidField(file: cluster.origin.file, location: cluster.origin.location,
                                field: "\(field).server", problem: "required; give the API server's URL")
        }
        // client-go accepts a bare host:port and assumes HTTPS.
        let text = written.contains("://") ? written : "https://" + written
        guard let server = URL(string: text), let scheme = server.scheme, ["https", "http"].contains(scheme),
              server.host != nil
        else {
            let origin = cluster.serverOrigin ?? cluster.origin
            throw .invalidField(file: origin.file, location: origin.location, field: "\(field).server",
                                problem: "'\(written)' is not an http(s) URL such as 'https://10.0.0.1:6443'")
        }
        var connection = ClusterConnection(source: .kubeconfig(context: context, files: config.files), server: server)
        connection.clusterName = cluster.name
        connection.certificateAuthority = try data(
            cluster.certificateAuthorityData, cluster.certificateAuthority, field: "\(field).certificate-authority")
        if cluster.certificateAuthorityData != nil {
            connection.certificateAuthorityOrigin =
                "certificate-authority-data of cluster '\(cluster.name)' in '\(cluster.origin.file)'"
        } else if let reference = cluster.certificateAuthority {
            connection.certificateAuthorityOrigin = "file '\(reference.path)'"
        }
        if cluster.insecureSkipTLSVerify && connection.certificateAuthority != nil {
            throw .invalidConnection(file: cluster.origin.file, location: cluster.origin.location,
                                     field: "\(field).insecure-skip-tls-verify",
                                     problem: "cannot be combined with a certificate authority; remove one of them")
        }
        connection.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify
        connection.tlsServerName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        connection.proxyURL = cluster.proxyURL.flatMap { $0.isEmpty ? nil : $0 }
        connection.disableCompression = cluster.disableCompression
        connection.execExtension = cluster.execExtension
        return connection
    }

    private func apply(_ user: Kubeconfig.User, to connection: inout ClusterConnection) throws(KubeconfigError) {
        let field = "users[name=\(user.name)].user"
        let fail = { (problem: String) in
            KubeconfigError.invalidConnection(file: user.origin.file, location: user.origin.location,
                                              field: field, problem: problem)
        }
        connection.userName = user.name
        if user.authProvider != nil {
            throw fail(user.exec == nil
                ? "legacy auth-provider plugins are not supported; configure an exec credential plugin instead"
                : "exec and auth-provider cannot both be set; remove auth-provider")
        }
        var methods: [String] = []
        if user.token?.isEmpty == false || user.tokenFile != nil { methods.append("token") }
        if user.username?.isEmpty == false || user.password?.isEmpty == false { methods.append("basic auth") }
        if user.clientCertificate != nil || user.clientCertificateData != nil || user.clientKey != nil
            || user.clientKeyData != nil { methods.append("client certificate") }
        if methods.count > 1 {
            throw fail("more than one authentication method is set (\(methods.joined(separator: ", "))); keep only one")
        }
        let certificate = try data(user.clientCertificateData, user.clientCertificate, field: "\(field).client-certificate")
        let key = try data(user.clientKeyData, user.clientKey, field: "\(field).client-key")
        switch (certificate, key) {
        case (.some, nil): throw fail("a client certificate needs a client key; set client-key or client-key-data")
        case (nil, .some): throw fail("a client key needs a client certificate; set client-certificate or client-certificate-data")
        default: break
        }
        connection.clientCertificate = certificate
        connection.clientKey = key
        if methods.contains("token") {
            let initial = try user.tokenFile.map { reference throws(KubeconfigError) in
                BearerTokenSource.trimmed(try read(reference, field: "\(field).tokenFile"))
            }
            connection.bearerToken = BearerTokenSource(
                token: user.token.flatMap { $0.isEmpty ? nil : $0 }, tokenFile: user.tokenFile?.path,
                readFile: readFile, initialFileValue: initial)
        }
        if methods.contains("basic auth") {
            connection.basicAuth = .init(username: user.username ?? "", password: user.password ?? "")
        }
        connection.exec = user.exec
    }

    /// Inline data when given (it wins, as in client-go), else the referenced file's bytes.
    private func data(_ inline: Data?, _ reference: FileReference?, field: String) throws(KubeconfigError) -> Data? {
        if let inline { return inline }
        guard let reference else { return nil }
        return try read(reference, field: field)
    }

    private func read(_ reference: FileReference, field: String) throws(KubeconfigError) -> Data {
        do {
            return try readFile(reference.path)
        } catch {
            throw .unreadableReference(file: reference.origin.file, location: reference.origin.location,
                                       field: field, path: reference.path, reason: KubeconfigLoader.reason(error))
        }
    }
}
