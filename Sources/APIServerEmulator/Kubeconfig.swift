import Foundation

/// Renders the kubeconfig the emulator hands out: one cluster with the CA
/// inlined, two users (bearer token and client certificate), one context per user, the
/// token context current.
public enum Kubeconfig {
    /// The name of the context using the bearer token.
    public static let tokenContext = "emulator-token"
    /// The name of the context using the client certificate.
    public static let certificateContext = "emulator-cert"

    /// The kubeconfig YAML.
    /// - Parameters:
    ///   - server: the `https://127.0.0.1:<port>` URL.
    ///   - authority: the certificates.
    ///   - token: the accepted bearer token.
    public static func yaml(server: String, authority: CertificateAuthority, token: String) -> String {
        func base64(_ pem: String) -> String { Data(pem.utf8).base64EncodedString() }
        return """
        apiVersion: v1
        kind: Config
        preferences: {}
        current-context: \(tokenContext)
        clusters:
        - name: emulator
          cluster:
            server: \(server)
            certificate-authority-data: \(base64(authority.caCertificatePEM))
        users:
        - name: token-user
          user:
            token: \(token)
        - name: cert-user
          user:
            client-certificate-data: \(base64(authority.clientCertificatePEM))
            client-key-data: \(base64(authority.clientKeyPEM))
        contexts:
        - name: \(tokenContext)
          context:
            cluster: emulator
            user: token-user
        - name: \(certificateContext)
          context:
            cluster: emulator
            user: cert-user

        """
    }
}
