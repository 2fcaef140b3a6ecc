/// How often and how patiently ``KubeClient`` retries transient failures: HTTP 429 (honouring
/// `Retry-After`), 500, 502, 503, 504, and connections refused, reset or dropped before a
/// response. Other 4xx answers are never retried.
///
/// The n-th retry waits `baseDelay × 2^(n-1)`, capped at ``maxDelay``, plus up to
/// ``jitter`` of that again at random; a `Retry-After` from the server replaces the backoff
/// and is capped at ``maxRetryAfter``.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included; 1 means no retry.
    public var maxAttempts: Int
    /// The wait before the first retry.
    public var baseDelay: Duration
    /// The longest backoff wait.
    public var maxDelay: Duration
    /// The longest wait a server's `Retry-After` may impose.
    public var maxRetryAfter: Duration
    /// The random extra fraction of each backoff wait, from 0 to 1.
    public var jitter: Double

    /// Creates a policy.
    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, maxRetryAfter: Duration, jitter: Double = 0.2) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = min(max(jitter, 0), 1)
    }

    /// Five attempts, 200 ms doubling up to 5 s, `Retry-After` honoured up to 10 s.
    public static let standard = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(200), maxDelay: .seconds(5),
                                             maxRetryAfter: .seconds(10))
    /// One attempt: failures are reported at once.
    public static let none = RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero, maxRetryAfter: .zero)

    /// The wait before retry number `retry` (1 for the first retry), jitter included.
    /// - Parameters:
    ///   - retry: which retry this is, from 1.
    ///   - retryAfterSeconds: the server's `Retry-After`, when it sent one.
    ///   - random: a number in `0..<1` that sets the jitter.
    public func delay(beforeRetry retry: Int, retryAfterSeconds: Int?, random: Double) -> Duration {
        if let retryAfterSeconds {
            return min(.seconds(max(0, retryAfterSeconds)), maxRetryAfter)
        }
        let doublings = min(max(retry - 1, 0), 30)
        let backoff = min(baseDelay * (1 << doublings), maxDelay)
        return backoff + backoff * (jitter * random)
    }
}
