internal import AsyncHTTPClient
import Foundation
internal import NIOCore
internal import NIOSSL

extension HTTPClientTransport {
    /// Sorts an AsyncHTTPClient, NIO or TLS error into a ``TransportError``.
    static func classify(_ error: any Error) -> TransportError {
        if let error = error as? TransportError { return error }
        if let error = error as? NIOSSLExtraError {
            let text = String(describing: error)
            if text.contains("failedToValidateHostname") || text.contains("hostname") {
                return .untrustedServer("the certificate does not name the host (\(text))")
            }
            return .tlsFailed(text)
        }
        if let error = error as? NIOSSLError {
            return tls(error)
        }
        if let error = error as? HTTPClientError {
            return .connectionFailed(reason(error))
        }
        if let error = error as? IOError {
            return .connectionFailed(error.errnoCode == ECONNREFUSED ? "connection refused"
                : error.errnoCode == ECONNRESET ? "connection reset by the server" : "\(error)")
        }
        return .connectionFailed(String(describing: error))
    }

    /// A TLS failure: untrusted when BoringSSL says the certificate did not verify.
    private static func tls(_ error: NIOSSLError) -> TransportError {
        guard case .handshakeFailed(let inner) = error else { return .tlsFailed(String(describing: error)) }
        let text = String(describing: inner)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return .untrustedServer("certificate verify failed")
        }
        if text.uppercased().contains("EOF") || text.contains("syscallError") {
            return .connectionFailed("the connection closed during the TLS handshake")
        }
        return .tlsFailed(text)
    }

    /// A short reason for an AsyncHTTPClient error.
    private static func reason(_ error: HTTPClientError) -> String {
        switch error {
        case .remoteConnectionClosed: return "the server closed the connection before answering"
        case .connectTimeout: return "connecting timed out"
        case .readTimeout, .deadlineExceeded: return "no answer in time"
        case .tlsHandshakeTimeout: return "the TLS handshake timed out"
        default: return String(describing: error)
        }
    }

    /// The user-facing error for a TLS settings problem found before any request.
    static func describe(_ error: TransportError, connection: ClusterConnection) -> KubeAPIError {
        switch error {
        case .untrustedServer(let text): return .untrustedServer("cannot use \(connection.server.absoluteString): \(text)")
        case .badClientCertificate(let text):
            return .credentials("the client certificate of user '\(connection.userName ?? "(none)")' cannot be used: \(text)")
        case .connectionFailed(let text), .tlsFailed(let text): return .unreachable(text)
        }
    }
}
