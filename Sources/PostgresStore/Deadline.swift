import Foundation

/// Runs work against a deadline without waiting for the work to give up: a structured task
/// group would wait for a child stuck on a connection that never answers, so the work runs in
/// a task of its own, and whichever of it and the deadline comes first answers the caller.
enum Deadline {
    /// `work`'s result, or `expired()`'s error once `limit` has passed (the work is cancelled
    /// and `onExpiry` runs first, to drop the connection it waits on).
    static func race<T: Sendable>(_ limit: Duration, onExpiry: @escaping @Sendable () async -> Void,
                                  expired: @escaping @Sendable () -> any Error,
                                  _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let answered = Answered()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let running = Task {
                do {
                    let value = try await work()
                    if answered.claim() { continuation.resume(returning: value) }
                } catch {
                    if answered.claim() { continuation.resume(throwing: error) }
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                guard answered.claim() else { return }
                running.cancel()
                await onExpiry()
                continuation.resume(throwing: expired())
            }
        }
    }

    /// True for the first caller of `claim` only.
    private final class Answered: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false

        func claim() -> Bool {
            lock.withLock {
                defer { done = true }
                return !done
            }
        }
    }
}
