import Foundation

/// One HTTP request as ``KubeClient`` hands it to a ``KubeTransport``.
public struct KubeRequest: Sendable, Equatable {
    /// The method, such as `PATCH`.
    public var method: String
    /// The path and query, percent-encoded, to append to the server URL
    /// (`/apis/apps/v1/namespaces/ns/daemonsets/x?fieldManager=dsledger`).
    public var path: String
    /// Header names and values, in order (credentials included).
    public var headers: [Header]
    /// The body, when there is one.
    public var body: Data?
    /// A client certificate to present instead of the connection's (from an exec plugin).
    public var clientCertificate: ClientCertificate?

    /// Creates a request.
    public init(method: String, path: String, headers: [Header] = [], body: Data? = nil,
                clientCertificate: ClientCertificate? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.clientCertificate = clientCertificate
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// One HTTP header.
public struct Header: Sendable, Equatable {
    /// The name, such as `Content-Type`.
    public var name: String
    /// The value.
    public var value: String

    /// Creates a header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A client certificate and its key, PEM bytes; the description never shows them.
public struct ClientCertificate: Sendable, Equatable, CustomStringConvertible {
    /// The certificate (chain), PEM.
    public var certificate: Data
    /// The private key, PEM.
    public var key: Data

    /// Creates a certificate and key pair.
    public init(certificate: Data, key: Data) {
        self.certificate = certificate
        self.key = key
    }

    public var description: String { "ClientCertificate(<redacted>)" }
}

/// The answer a ``KubeTransport`` got.
public struct KubeResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header names and values, in order.
    public var headers: [Header]
    /// The body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [Header] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a JSON body.
    public init(status: Int, json: String, headers: [Header] = []) {
        self.init(status: status, headers: headers + [Header("Content-Type", "application/json")], body: Data(json.utf8))
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Why a transport got no response. ``KubeClient`` retries ``connectionFailed(_:)`` only.
public enum TransportError: Error, Sendable, Equatable {
    /// Refused, reset, timed out or closed before a response; `reason` says which.
    case connectionFailed(String)
    /// The server's certificate failed verification.
    case untrustedServer(String)
    /// Another TLS failure (handshake refused, protocol mismatch).
    case tlsFailed(String)
    /// The client certificate or key cannot be used.
    case badClientCertificate(String)
}

/// Sends one request and returns the response: the seam between ``KubeClient`` and HTTP.
///
/// Throw ``TransportError`` for failures without a response; any other error is reported as
/// a connection failure and not retried. Tests use a closure returning canned responses.
public typealias KubeTransport = @Sendable (KubeRequest) async throws -> KubeResponse
