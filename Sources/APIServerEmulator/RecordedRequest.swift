/// One request the emulator received, kept so tests can check what a client sent.
public struct RecordedRequest: Sendable, Hashable {
    /// The HTTP method, such as `PATCH`.
    public var method: String
    /// The path without the query string.
    public var path: String
    /// The query parameters in order of appearance, percent-decoded.
    public var query: [(name: String, value: String)]
    /// The request headers, names lower-cased.
    public var headers: [String: String]
    /// The body as text (empty when there is none).
    public var body: String
    /// The status code the emulator answered with.
    public var responseStatus: Int

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    public static func == (lhs: RecordedRequest, rhs: RecordedRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.headers == rhs.headers && lhs.body == rhs.body
            && lhs.responseStatus == rhs.responseStatus && lhs.query.map { [$0.name, $0.value] } == rhs.query.map { [$0.name, $0.value] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        hasher.combine(body)
    }
}
