import ObjectModel

/// An HTTP response the emulator sends: status, content type and body bytes.
struct EmulatorResponse: Sendable {
    /// The HTTP status code.
    var status: Int
    /// The `Content-Type` header.
    var contentType: String
    /// The body.
    var body: [UInt8]

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
}
