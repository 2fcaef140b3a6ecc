import Foundation
import Ledger
import NIOCore
import PostgresNIO
import StoreLocation

/// postgres-nio's errors as ``StoreError`` values: one line naming the server, never a password.
enum PostgresErrors {
    /// SQLSTATE codes whose transaction is worth running again: a serialization failure and a deadlock.
    private static let retryable: Set<String> = ["40001", "40P01"]

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isRetryable(_ error: any Error) -> Bool {
        sqlState(error).map(retryable.contains) ?? false
    }

    /// `error` in the store's words; a lock not granted within `lockTimeout` (SQLSTATE 55P03)
    /// is ``StoreError/locked(location:waited:)``.
    static func storeError(_ error: any Error, location: PostgresLocation, lockTimeout: Duration? = nil) -> StoreError {
        if let error = error as? StoreError { return error }
        let name = location.redactedURL
        let endpoint = location.endpoint
        guard let error = error as? PSQLError else {
            let text = redacted("\(error)", location)
            if ["connect", "refused", "timeout", "reset", "closed"].contains(where: { text.lowercased().contains($0) }) {
                return .unreachable(location: name, endpoint: endpoint, detail: text)
            }
            return .database(location: name, cause: DatabaseCause(message: text))
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = redacted(error.serverInfo?[.message] ?? "SQLSTATE \(state)", location)
            let cause = DatabaseCause(code: .sqlState(state), message: message)
            switch state {
            case "28P01", "28000":
                return .authentication(location: name, endpoint: endpoint, user: location.user, detail: message)
            case "42501":
                return .permissionDenied(location: name, detail: message, cause: cause)
            case "55P03" where lockTimeout != nil:
                return .locked(location: name, waited: LockTimeout.text(lockTimeout ?? .zero))
            case "57014":
                return .timedOut(location: name, endpoint: endpoint, seconds: 0)
            case "3D000":
                return .missing(location: name)
            case _ where state.hasPrefix("08") || state.hasPrefix("57P"):
                return .unreachable(location: name, endpoint: endpoint, detail: message)
            default:
                return .database(location: name, cause: cause)
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            let cause = error.underlying.map { redacted("\($0)", location) } ?? "the connection closed"
            return .unreachable(location: name, endpoint: endpoint, detail: cause)
        case .sslUnsupported:
            return .unreachable(location: name, endpoint: endpoint, detail: "the server does not accept TLS (sslmode=\(location.sslMode.rawValue))")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return .unreachable(location: name, endpoint: endpoint, detail: "TLS failed")
        case .authMechanismRequiresPassword:
            return .authentication(location: name, endpoint: endpoint, user: location.user,
                                   detail: "the server wants a password: set PGPASSWORD or add it to ~/.pgpass")
        case .saslError, .unsupportedAuthMechanism:
            return .authentication(location: name, endpoint: endpoint, user: location.user, detail: "authentication failed")
        default:
            let cause = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return .database(location: name, cause: DatabaseCause(message: redacted(cause, location)))
        }
    }

    /// `text` with the location's password cut out, wherever it appears.
    static func redacted(_ text: String, _ location: PostgresLocation) -> String {
        guard let password = location.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }
}
