import Foundation

extension KubeconfigLoader {
    /// The in-cluster service-account connection, or `nil` when not running in a pod.
    ///
    /// Needs both `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT`. The token file must be
    /// readable now and is read again on every use (projected tokens expire); an unreadable
    /// `ca.crt` leaves the system roots in charge, as client-go does; the namespace comes from
    /// the `namespace` file, else `default`.
    ///
    /// - Throws: ``KubeconfigError/inClusterTokenUnreadable(path:reason:)``.
    public func inClusterConnection() throws(KubeconfigError) -> ClusterConnection? {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else { return nil }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(bracketed):\(port)") else {
            throw .invalidConnection(file: "KUBERNETES_SERVICE_HOST", location: nil, field: "server",
                                     problem: "'https://\(bracketed):\(port)' is not a valid URL")
        }
        let folder = Self.serviceAccountFolder
        let tokenPath = folder + "/token"
        let token: String
        do {
            token = BearerTokenSource.trimmed(try readFile(tokenPath))
        } catch {
            throw .inClusterTokenUnreadable(path: tokenPath, reason: Self.reason(error))
        }
        var connection = ClusterConnection(source: .inCluster, server: server)
        connection.bearerToken = BearerTokenSource(token: nil, tokenFile: tokenPath, readFile: readFile,
                                                   initialFileValue: token)
        connection.certificateAuthority = try? readFile(folder + "/ca.crt")
        if connection.certificateAuthority != nil { connection.certificateAuthorityOrigin = "file '\(folder)/ca.crt'" }
        if let data = try? readFile(folder + "/namespace") {
            let namespace = BearerTokenSource.trimmed(data)
            if !namespace.isEmpty { connection.namespace = namespace }
        }
        return connection
    }
}
