import Crypto
import Foundation
import SwiftASN1
import X509

/// The emulator's PKI, generated at start: a self-signed CA, a server certificate for
/// `127.0.0.1` and the DNS names of ``serverNames``, and a client certificate for user
/// `dsledger-admin` in group `system:masters`. All keys are P-256; everything is exposed as PEM.
public struct CertificateAuthority: Sendable {
    /// The CA certificate (trust anchor for clients and for client certificates).
    public let caCertificatePEM: String
    /// The server certificate.
    public let serverCertificatePEM: String
    /// The server's private key (PKCS#8).
    public let serverKeyPEM: String
    /// The client certificate the CA signed.
    public let clientCertificatePEM: String
    /// The client's private key (PKCS#8).
    public let clientKeyPEM: String

    /// The DNS names of the server certificate (besides IP `127.0.0.1`): `localhost` and the
    /// in-cluster names of the API server, so a client can be tested with `tls-server-name`.
    public static let serverNames = ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"]

    /// Generates a fresh CA and its two leaf certificates, valid from an hour ago for a year.
    public init() throws {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("dsledger-emulator-ca") }
        let start = Date().addingTimeInterval(-3600)
        let end = start.addingTimeInterval(366 * 24 * 3600)
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: start, notValidAfter: end, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let serverKey = P256.Signing.PrivateKey()
        let server = try Self.leaf(
            subject: try DistinguishedName { CommonName("kube-apiserver") }, key: serverKey, issuer: caName, issuerKey: caKey,
            start: start, end: end, usage: .serverAuth,
            names: SubjectAlternativeNames(Self.serverNames.map { .dnsName($0) } + [.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]))
        let clientKey = P256.Signing.PrivateKey()
        let client = try Self.leaf(
            subject: try DistinguishedName {
                OrganizationName("system:masters")
                CommonName("dsledger-admin")
            },
            key: clientKey, issuer: caName, issuerKey: caKey, start: start, end: end, usage: .clientAuth, names: nil)
        caCertificatePEM = try ca.serializeAsPEM().pemString
        serverCertificatePEM = try server.serializeAsPEM().pemString
        serverKeyPEM = serverKey.pemRepresentation
        clientCertificatePEM = try client.serializeAsPEM().pemString
        clientKeyPEM = clientKey.pemRepresentation
    }

    private static func leaf(subject: DistinguishedName, key: P256.Signing.PrivateKey, issuer: DistinguishedName,
                             issuerKey: P256.Signing.PrivateKey, start: Date, end: Date, usage: ExtendedKeyUsage.Usage,
                             names: SubjectAlternativeNames?) throws -> Certificate {
        try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: start, notValidAfter: end, issuer: issuer, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([usage])
                if let names { names }
            },
            issuerPrivateKey: .init(issuerKey))
    }
}
