internal import NIOSSL

extension ClusterConnection {
    /// The TLS settings of this connection: the CA as the only trust root (the system's roots
    /// when there is none), no verification with `insecure-skip-tls-verify`, and the client
    /// certificate, `override` replacing the connection's (an exec plugin's certificate).
    /// - Throws: ``TransportError/untrustedServer(_:)`` for a CA that is not PEM,
    ///   ``TransportError/badClientCertificate(_:)`` for an unusable certificate or key.
    func tlsConfiguration(clientCertificate override: ClientCertificate? = nil) throws(TransportError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let certificateAuthority {
            guard let roots = try? NIOSSLCertificate.fromPEMBytes(Array(certificateAuthority)), !roots.isEmpty else {
                throw .untrustedServer("the certificate authority from \(certificateAuthorityOrigin ?? "the kubeconfig")"
                    + " holds no PEM certificate")
            }
            tls.trustRoots = .certificates(roots)
        }
        let pair = override ?? clientCertificate.flatMap { certificate in
            clientKey.map { ClientCertificate(certificate: certificate, key: $0) }
        }
        if let pair {
            let chain: [NIOSSLCertificate]
            let key: NIOSSLPrivateKey
            do {
                chain = try NIOSSLCertificate.fromPEMBytes(Array(pair.certificate))
                key = try NIOSSLPrivateKey(bytes: Array(pair.key), format: .pem)
            } catch {
                throw .badClientCertificate("the certificate or key is not valid PEM")
            }
            guard !chain.isEmpty else { throw .badClientCertificate("the certificate holds no PEM certificate") }
            tls.certificateChain = chain.map { .certificate($0) }
            tls.privateKey = .privateKey(key)
        }
        return tls
    }
}
