import Foundation
import TestSupport

/// Starts a throwaway PostgreSQL server, runs `body` with it, and always stops it and removes its
/// folder, whether `body` returns or throws.
///
/// ```swift
/// @Test func storesNoSecretInClear() async throws {
///     try await withPostgresServer { server in
///         // … open the store under test at server.url() and record a revision …
///         #expect(try !server.dump().contains("hunter2"))
///     }
/// }
/// ```
///
/// Starting and destroying block on child processes, so they run on a thread of their own rather
/// than on the concurrency pool; `body` runs in the caller's isolation.
/// - Parameters:
///   - tls: when given, the server also accepts TLS with this certificate and key.
///   - isolation: the caller's actor, inherited; leave it out.
///   - body: the test, given the running server.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, or ``PostgresServerError`` when the server cannot start.
public func withPostgresServer<T>(tls: TLSFiles? = nil, isolation: isolated (any Actor)? = #isolation,
                                  _ body: (PostgresServer) async throws -> T) async throws -> T {
    let server = try await offThePool { try PostgresServer.start(tls: tls) }
    do {
        let result = try await body(server)
        try await offThePool { server.destroy() }
        return result
    } catch {
        try? await offThePool { server.destroy() }
        throw error
    }
}
