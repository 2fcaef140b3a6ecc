import ObjectModel

/// An HTTP response the emulator sends: status, content type, extra headers and body bytes.
struct EmulatorResponse: Sendable {
    /// The HTTP status code; 0 when the connection is dropped.
    var status: Int
    /// The `Content-Type` header.
    var contentType: String
    /// The body.
    var body: [UInt8]
    /// Headers besides Content-Type, Content-Length and Cache-Control, such as `Retry-After`.
    var headers: [(name: String, value: String)] = []
    /// Whether to close the connection without answering at all.
    var dropsConnection = false
    /// A watch to stream instead of a body (status 200, chunked).
    var watch: WatchPlan?

    /// A JSON response in the server's compact encoding.
    init(status: Int, json: JSONValue) {
        self.status = status
        self.contentType = "application/json"
        self.body = CanonicalJSON.compactBytes(json)
    }

    /// A plain-text response.
    init(status: Int, text: String) {
        self.status = status
        self.contentType = "text/plain; charset=utf-8"
        self.body = Array(text.utf8)
    }

    /// A watch stream's response: the connection streams its events.
    init(watch plan: WatchPlan) {
        self.status = 200
        self.contentType = "application/json"
        self.body = []
        self.watch = plan
    }
}
