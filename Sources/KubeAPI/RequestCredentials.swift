import Foundation

/// Works out the credentials of each request from a ``ClusterConnection``: a bearer token
/// (literal, or a file read again each time), an exec plugin's token or certificate (cached
/// by ``ExecCredentialProvider`` until it expires), or basic auth. A static client certificate
/// is not here: it belongs to the transport's TLS settings.
struct RequestCredentials: Sendable {
    /// What to add to one request.
    struct Applied: Sendable {
        var headers: [Header] = []
        var clientCertificate: ClientCertificate?
    }

    let connection: ClusterConnection
    let execProvider: ExecCredentialProvider?

    /// Whether a 401 may be cured by fetching the credential again (a token file or an exec plugin).
    var canRefresh: Bool { execProvider != nil || connection.bearerToken?.tokenFile != nil }

    /// The headers and client certificate for the next request.
    func current() async throws(KubeAPIError) -> Applied {
        var applied = Applied()
        if let execProvider {
            let credential: ExecCredential
            do {
                credential = try await execProvider.credential()
            } catch {
                throw .credentials(Self.text(error))
            }
            if let token = credential.token { applied.headers.append(Header("Authorization", "Bearer \(token)")) }
            if let certificate = credential.clientCertificate, let key = credential.clientKey {
                applied.clientCertificate = ClientCertificate(certificate: certificate, key: key)
            }
            if credential.token != nil { return applied }
        }
        if let source = connection.bearerToken {
            let token: String
            do {
                token = try source.current()
            } catch {
                throw .credentials(Self.text(error))
            }
            if !token.isEmpty { applied.headers.append(Header("Authorization", "Bearer \(token)")) }
        } else if let basic = connection.basicAuth {
            let encoded = Data("\(basic.username):\(basic.password)".utf8).base64EncodedString()
            applied.headers.append(Header("Authorization", "Basic \(encoded)"))
        }
        return applied
    }

    /// A kubeconfig error's message without its `error: ` prefix (the caller adds its own).
    private static func text(_ error: KubeconfigError) -> String {
        let text = error.description
        return text.hasPrefix("error: ") ? String(text.dropFirst(7)) : text
    }

    /// Forgets cached credentials after a 401 so the next ``current()`` fetches fresh ones.
    func refresh() async {
        await execProvider?.invalidate()
    }
}
