import Foundation
import ObjectModel

/// A complete HTTP request as the REST layer sees it.
struct EmulatorRequest: Sendable {
    /// The HTTP method.
    var method: String
    /// The path, percent-decoded, without the query.
    var path: String
    /// The query parameters in order.
    var query: [(name: String, value: String)]
    /// Headers with lower-cased names.
    var headers: [String: String]
    /// The body bytes.
    var body: [UInt8]

    /// Splits a request target such as `/api/v1/namespaces?labelSelector=a%3Db`.
    init(method: String, uri: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.headers = headers
        self.body = body
        let components = URLComponents(string: uri)
        self.path = components?.path ?? uri
        self.query = (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    /// The first value of a query parameter.
    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Whether `dryRun=All` was asked for.
    var isDryRun: Bool { queryValue("dryRun") == "All" }

    /// The `Content-Type` without parameters.
    var contentType: String {
        (headers["content-type"] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// The field manager: the `fieldManager` parameter, else the User-Agent up to its first `/`.
    var fieldManager: String {
        if let name = queryValue("fieldManager"), !name.isEmpty { return name }
        let agent = headers["user-agent"] ?? ""
        return agent.split(separator: "/").first.map(String.init) ?? "unknown"
    }

    /// The body decoded as JSON, or as YAML for apply patches; a 400 Status when unreadable.
    func decodedBody() throws(APIStatus) -> JSONValue {
        let text = String(decoding: body, as: UTF8.self)
        if let value = try? JSONValue(parsingJSON: text) { return value }
        if contentType.contains("yaml"), let document = try? SourceDocument.parse(text).first {
            return document.root.jsonValue
        }
        throw APIStatus.badRequest("the body of the request could not be decoded as JSON or YAML")
    }
}
