import Dispatch

/// Runs an async store call from the benchmark's synchronous timing loops: the main thread
/// waits while the call runs on the cooperative pool (a benchmark measures, it serves no one).
func blocking<T>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<T, any Error>?
    Task {
        do { result = .success(try await body()) } catch { result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try result!.get()
}
