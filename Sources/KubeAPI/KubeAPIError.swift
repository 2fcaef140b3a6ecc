/// Everything that can go wrong talking to the API server.
///
/// The descriptions never contain a token, password, key or `Authorization` header.
public enum KubeAPIError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The server answered with an error `Status` (after any retries).
    case status(APIStatusError)
    /// The server could not be reached (connection refused, reset, timed out or dropped before a
    /// response) after the retries; the text names the server's URL.
    case unreachable(String)
    /// TLS verification failed: the server's certificate is not trusted by the configured CA,
    /// or does not name the server; the text says which CA (file or data) was used.
    case untrustedServer(String)
    /// The client's own credentials could not be used: an exec plugin failed, a token file is
    /// unreadable, a client certificate or key is not valid PEM.
    case credentials(String)
    /// The server's answer could not be read (for example a success without a JSON object).
    case invalidResponse(String)
    /// The request could not be made: an object without `apiVersion`, `kind` or `metadata.name`,
    /// or of a kind this client does not know.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .status(let status): return status.description
        case .unreachable(let text), .untrustedServer(let text), .credentials(let text),
             .invalidResponse(let text), .invalidRequest(let text):
            return text
        }
    }

    /// The error with nothing the server wrote about the object, only the status code and
    /// reason (``APIStatusError/withheldMessage``): how a failure about a Secret is kept and shown.
    public var withheldMessage: KubeAPIError {
        if case .status(let status) = self { return .status(status.withheldMessage) }
        return self
    }

    /// The server's `Status`, when the server answered with one.
    public var status: APIStatusError? {
        if case .status(let status) = self { return status }
        return nil
    }
}
