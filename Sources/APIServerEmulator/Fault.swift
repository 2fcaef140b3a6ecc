import ObjectModel

/// A failure the emulator serves instead of the next request, for testing a client's retries
/// and error handling.
///
/// Queue faults with ``APIServer/injectFaults(_:)``; each incoming request, whatever its path,
/// consumes the oldest one.
public enum Fault: Sendable, Hashable {
    /// HTTP 429 with `Retry-After: <seconds>` and the plain-text body of API Priority and
    /// Fairness, `Too many requests, please try again later.` (not a JSON Status).
    case tooManyRequests(retryAfterSeconds: Int)
    /// HTTP 500 with a Status of reason `InternalError`.
    case internalError
    /// HTTP 504 with a Status of reason `Timeout`.
    case gatewayTimeout
    /// The TCP connection is closed without any response.
    case dropConnection
    /// HTTP 401 with a Status of reason `Unauthorized`, as for an expired token.
    case unauthorized
    /// A validating admission webhook's refusal of the next write (PATCH, POST, PUT) to a
    /// `resource` (such as `secrets`): HTTP 400, reason `BadRequest`, message
    /// `admission webhook "<webhook>" denied the request: <message>`, the words a webhook chooses
    /// (which may quote the object). Other requests pass it by; it waits for its write.
    case admissionDenied(resource: String, webhook: String, message: String)

    /// Whether this fault is served to `request`: every fault but ``admissionDenied(resource:webhook:message:)``
    /// is served to whatever request comes next.
    func applies(to request: EmulatorRequest) -> Bool {
        guard case .admissionDenied(let resource, _, _) = self else { return true }
        return ["PATCH", "POST", "PUT"].contains(request.method)
            && (request.path.contains("/\(resource)/") || request.path.hasSuffix("/\(resource)"))
    }

    /// The response this fault produces.
    var response: EmulatorResponse {
        switch self {
        case .tooManyRequests(let seconds):
            var response = EmulatorResponse(status: 429, text: "Too many requests, please try again later.\n")
            response.headers = [("Retry-After", String(seconds)), ("X-Content-Type-Options", "nosniff"),
                                ("X-Kubernetes-PF-FlowSchema-UID", "emulator-flowschema"),
                                ("X-Kubernetes-PF-PriorityLevel-UID", "emulator-prioritylevel")]
            return response
        case .internalError:
            return APIStatus.internalError("emulated fault").response
        case .gatewayTimeout:
            return APIStatus.timeout.response
        case .dropConnection:
            var response = EmulatorResponse(status: 0, text: "")
            response.dropsConnection = true
            return response
        case .unauthorized:
            return APIStatus.unauthorized.response
        case .admissionDenied(_, let webhook, let message):
            return APIStatus(code: 400, reason: "BadRequest", message: "admission webhook \"\(webhook)\" denied the request: \(message)",
                             details: [:]).response
        }
    }
}

extension APIStatus {
    /// The 500 of `errors.NewInternalError`: message `Internal error occurred: <cause>`.
    static func internalError(_ cause: String) -> APIStatus {
        APIStatus(code: 500, reason: "InternalError", message: "Internal error occurred: \(cause)",
                  details: ["causes": [["message": .string(cause)]]])
    }

    /// The 504 the apiserver's timeout filter sends (`errors.NewTimeoutError`).
    static let timeout = APIStatus(
        code: 504, reason: "Timeout",
        message: "Timeout: request did not complete within requested timeout - context deadline exceeded", details: [:])
}
