import Foundation

extension KubeClient {
    /// Sends one request with credentials, retrying transient failures, and returns the last
    /// response whatever its status. After a 401 with a refreshable credential (token file,
    /// exec plugin) the credential is fetched again and the request repeated once.
    /// - Throws: ``KubeAPIError`` when no response came (after the retries) or the credentials
    ///   cannot be had.
    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil)
        async throws(KubeAPIError) -> KubeResponse
    {
        var attempt = 1
        var refreshed = false
        while true {
            let request = try await prepared(method, path, body: body, contentType: contentType)
            let response: KubeResponse
            do {
                response = try await transport(request)
            } catch let error as TransportError {
                guard case .connectionFailed = error, attempt < retry.maxAttempts else {
                    throw failure(error, attempts: attempt)
                }
                try await pause(beforeRetry: attempt, retryAfterSeconds: nil)
                attempt += 1
                continue
            } catch {
                throw .unreachable("cannot reach the API server at \(serverURL): \(error)")
            }
            if response.status == 401, !refreshed, credentials.canRefresh {
                refreshed = true
                await credentials.refresh()
                continue
            }
            guard Self.isRetryable(response.status), attempt < retry.maxAttempts else { return response }
            try await pause(beforeRetry: attempt, retryAfterSeconds: Self.retryAfter(response))
            attempt += 1
        }
    }

    /// The request with the standard headers and the current credentials.
    private func prepared(_ method: String, _ path: String, body: Data?, contentType: String?)
        async throws(KubeAPIError) -> KubeRequest
    {
        let applied = try await credentials.current()
        var headers = [Header("Accept", "application/json"), Header("User-Agent", userAgent)]
        if let contentType { headers.append(Header("Content-Type", contentType)) }
        headers += applied.headers
        return KubeRequest(method: method, path: path, headers: headers, body: body,
                           clientCertificate: applied.clientCertificate)
    }

    /// Waits before a retry; gives up when the task is cancelled.
    private func pause(beforeRetry retry: Int, retryAfterSeconds: Int?) async throws(KubeAPIError) {
        await sleep(self.retry.delay(beforeRetry: retry, retryAfterSeconds: retryAfterSeconds, random: random()))
        if Task.isCancelled { throw .unreachable("the request to the API server at \(serverURL) was cancelled") }
    }

    /// The error for a transport failure that is not retried (any more).
    private func failure(_ error: TransportError, attempts: Int) -> KubeAPIError {
        switch error {
        case .connectionFailed(let reason):
            let tries = attempts == 1 ? "" : " (gave up after \(attempts) attempts)"
            return .unreachable("cannot reach the API server at \(serverURL): \(reason)\(tries)")
        case .untrustedServer(let reason):
            return .untrustedServer("the API server at \(serverURL) presented a certificate that is not trusted:"
                + " \(reason); it was checked against \(trustDescription)")
        case .tlsFailed(let reason):
            return .unreachable("the TLS handshake with the API server at \(serverURL) failed: \(reason)")
        case .badClientCertificate(let reason):
            return .credentials("the client certificate for \(serverURL) cannot be used: \(reason)")
        }
    }

    /// Which roots verified the server, for messages.
    var trustDescription: String {
        if connection.certificateAuthority == nil { return "the system's trusted certificate authorities" }
        return "the certificate authority from " + (connection.certificateAuthorityOrigin ?? "the kubeconfig")
    }

    /// The server URL as the user wrote it, for messages.
    var serverURL: String { connection.server.absoluteString }

    /// 429 and the 5xx answers a load balancer or a busy server gives.
    static func isRetryable(_ status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }

    /// The seconds to wait that a 429 or 5xx asks for: `Retry-After`, else the Status's
    /// `details.retryAfterSeconds`.
    static func retryAfter(_ response: KubeResponse) -> Int? {
        if let header = response.header("Retry-After"), let seconds = Int(header.trimmingCharacters(in: .whitespaces)) {
            return seconds
        }
        guard response.status == 429 else { return nil }
        return APIStatusError(code: response.status, body: response.body, retryAfter: nil).retryAfterSeconds
    }
}
