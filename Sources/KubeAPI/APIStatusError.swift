import Foundation
import ObjectModel

/// A failure the API server reported: its `Status` object, or what the
/// client could make of a response that was not one (such as a plain-text 429).
///
/// The description is the server's own message followed by the reason, for example
/// `daemonsets.apps "agent" not found (NotFound)`, on one line with its control characters
/// shown escaped (``ObjectModel/ControlCharacters``). Every message the server sends is cut to
/// ``messageLimit`` characters: an admission webhook may quote a whole object, and a proxy may
/// answer with a page. For a Secret, ``withheldMessage`` keeps only the code and reason.
public struct APIStatusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One entry of `details.causes`.
    public struct Cause: Sendable, Equatable {
        /// The cause's `reason` (such as `FieldValueRequired` or `FieldManagerConflict`).
        public var type: String
        /// The field it is about, such as `.spec.template.spec.containers[name="app"].image`.
        public var field: String?
        /// The server's text.
        public var message: String

        /// Creates a cause.
        public init(type: String, field: String?, message: String) {
            self.type = type
            self.field = field
            self.message = APIStatusError.capped(message)
        }
    }

    /// The HTTP status code.
    public var code: Int
    /// The machine-readable reason, such as `NotFound`, `Conflict` or `Invalid`.
    public var reason: String
    /// The server's message.
    public var message: String
    /// `details.causes`, in the server's order.
    public var causes: [Cause]
    /// How long the server asked the client to wait (`Retry-After` or `details.retryAfterSeconds`).
    public var retryAfterSeconds: Int?

    /// Creates a status error.
    public init(code: Int, reason: String, message: String, causes: [Cause] = [], retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = Self.capped(message)
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The field-manager conflicts of a failed server-side apply: who owns which field.
    public var conflicts: [(manager: String, field: String)] {
        causes.filter { $0.type == "FieldManagerConflict" }.map { cause in
            (manager: Self.manager(in: cause.message), field: cause.field ?? "")
        }
    }

    /// Whether this is a 404.
    public var isNotFound: Bool { code == 404 }

    public var description: String {
        let text = message.isEmpty ? "the API server answered HTTP \(code)" : message.escapingControlCharacters
        return reason.isEmpty ? text : "\(text) (\(reason))"
    }

    /// The most characters of a message (and of each cause's message) kept; the rest is replaced
    /// by `… (N more characters)`.
    public static let messageLimit = 1_024

    /// `message` cut to ``messageLimit`` characters.
    static func capped(_ message: String) -> String {
        guard message.count > messageLimit else { return message }
        return message.prefix(messageLimit) + "… (\(message.count - messageLimit) more characters)"
    }

    /// The error with only its code and reason: what is kept and shown of a failure about a
    /// Secret, whose message may quote the Secret's data (an admission webhook's may).
    public var withheldMessage: APIStatusError {
        APIStatusError(code: code, reason: reason,
                       message: "the API server answered HTTP \(code); its message about a Secret is not kept, as it may quote the Secret's data",
                       retryAfterSeconds: retryAfterSeconds)
    }

    /// The manager named in `conflict with "kubectl-patch" using apps/v1`: the text between
    /// the first pair of double quotes, else the whole message.
    static func manager(in message: String) -> String {
        let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : message
    }
}

extension APIStatusError {
    /// Reads an error response: the `Status` in the body when there is one, else a status made
    /// from the HTTP code and the start of the body.
    /// - Parameters:
    ///   - code: the HTTP status code.
    ///   - body: the response body.
    ///   - retryAfter: the `Retry-After` header.
    init(code: Int, body: Data, retryAfter: String?) {
        let header = retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if let status = try? JSONValue(parsingJSON: String(decoding: body, as: UTF8.self)),
           status["kind"]?.stringValue == "Status" {
            self.init(status: status, code: code, retryAfter: header)
            return
        }
        let text = String(decoding: body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        self.init(code: code, reason: Self.reason(forCode: code),
                  message: text.isEmpty ? Self.fallbackMessage(forCode: code) : text, retryAfterSeconds: header)
    }

    private init(status: JSONValue, code: Int, retryAfter: Int?) {
        let details = status["details"]
        let causes = (details?["causes"]?.arrayValue ?? []).map { cause in
            Cause(type: cause["reason"]?.stringValue ?? cause["type"]?.stringValue ?? "",
                  field: cause["field"]?.stringValue, message: cause["message"]?.stringValue ?? "")
        }
        let declared = status["code"]?.intValue.map(Int.init) ?? code
        self.init(code: declared == 0 ? code : declared, reason: status["reason"]?.stringValue ?? Self.reason(forCode: code),
                  message: status["message"]?.stringValue ?? "", causes: causes,
                  retryAfterSeconds: retryAfter ?? details?["retryAfterSeconds"]?.intValue.map(Int.init))
    }

    /// The `Status` reason the server uses for an HTTP code (as client-go infers it).
    static func reason(forCode code: Int) -> String {
        switch code {
        case 400: return "BadRequest"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 405: return "MethodNotAllowed"
        case 409: return "Conflict"
        case 410: return "Expired"
        case 415: return "UnsupportedMediaType"
        case 422: return "Invalid"
        case 429: return "TooManyRequests"
        case 500: return "InternalError"
        case 503: return "ServiceUnavailable"
        case 504: return "Timeout"
        default: return ""
        }
    }

    private static func fallbackMessage(forCode code: Int) -> String {
        switch code {
        case 401: return "Unauthorized"
        case 429: return "the server has received too many requests and has asked us to try again later"
        case 500...599: return "the server reported an error (HTTP \(code)) and gave no details"
        default: return "the server answered HTTP \(code) and gave no details"
        }
    }
}
