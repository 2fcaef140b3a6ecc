import Foundation
import KubeAPI

/// A closure transport for unit tests: answers with canned responses in order (the last one
/// repeats) and records every request it was given.
final class CannedTransport: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<KubeResponse, TransportError>]
    private var recorded: [KubeRequest] = []
    private var waits: [Duration] = []

    init(_ answers: [Result<KubeResponse, TransportError>]) {
        self.answers = answers
    }

    /// A transport answering with `responses` in order.
    convenience init(responses: [KubeResponse]) {
        self.init(responses.map { .success($0) })
    }

    /// The requests sent so far.
    var requests: [KubeRequest] { lock.withLock { recorded } }
    /// The waits the client asked for between retries.
    var sleeps: [Duration] { lock.withLock { waits } }

    /// The transport closure.
    var transport: KubeTransport {
        { request in try self.answer(request).get() }
    }

    /// A client over this transport that records its waits instead of sleeping.
    func client(_ connection: ClusterConnection = CannedTransport.connection(), retry: RetryPolicy = .standard,
                environment: [String: String] = [:]) -> KubeClient {
        KubeClient(connection: connection, transport: transport, retry: retry, environment: environment,
                   sleep: { duration in self.lock.withLock { self.waits.append(duration) } })
    }

    private func answer(_ request: KubeRequest) -> Result<KubeResponse, TransportError> {
        lock.withLock {
            recorded.append(request)
            return answers.count > 1 ? answers.removeFirst() : answers[0]
        }
    }

    /// A connection to `https://10.0.0.1:6443` with a literal bearer token.
    static func connection(token: String? = "secret-token") -> ClusterConnection {
        var connection = ClusterConnection(source: .kubeconfig(context: "test", files: []),
                                           server: URL(string: "https://10.0.0.1:6443")!, namespace: "team-a")
        connection.bearerToken = token.map { BearerTokenSource(token: $0, tokenFile: nil, readFile: { _ in Data() }) }
        return connection
    }
}

extension KubeResponse {
    /// A Status error response as the API server sends it.
    static func status(_ code: Int, reason: String, message: String, causes: String = "[]") -> KubeResponse {
        KubeResponse(status: code, json: """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":\(quoted(message)),\
            "reason":"\(reason)","details":{"causes":\(causes)},"code":\(code)}
            """)
    }

    private static func quoted(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
