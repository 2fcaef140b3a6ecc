import Dispatch

/// Blocking work (SQLite writes) off Swift concurrency's cooperative threads, so that the
/// tasks decoding meanwhile keep every core.
enum Background {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
