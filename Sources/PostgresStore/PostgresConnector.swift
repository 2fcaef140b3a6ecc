import Foundation
import Ledger
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import StoreLocation

/// Connects to the server a ``PostgresLocation`` names, with libpq's `sslmode` meanings.
struct PostgresConnector {
    let location: PostgresLocation
    let logger: Logger

    /// How long a connection may take when the location sets no `connect_timeout`.
    static let defaultConnectTimeout: Int64 = 10

    /// Connects and signs in, within the connect timeout as a whole (a server that accepts the
    /// connection and then says nothing is a timeout too, not a hang).
    func connect() async throws(StoreError) -> PostgresConnection {
        let configuration = try configuration()
        let seconds = Int64(location.connectTimeout ?? Int(Self.defaultConnectTimeout))
        let logger = logger
        do {
            let (name, endpoint) = (location.redactedURL, location.endpoint)
            return try await Deadline.race(.seconds(seconds), onExpiry: {},
                                           expired: { StoreError.timedOut(location: name, endpoint: endpoint, seconds: Int(seconds)) }) {
                try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            }
        } catch {
            var failure = PostgresErrors.storeError(error, location: location)
            if case .database(let name, let cause) = failure {
                failure = .unreachable(location: name, endpoint: location.endpoint, detail: cause.description)
            }
            throw failure
        }
    }

    func configuration() throws(StoreError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = location.unixSocketPath {
            configuration = .init(unixSocketPath: socket, username: location.user, password: location.password,
                                  database: location.database)
        } else {
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeout ?? Int(Self.defaultConnectTimeout)))
        if let name = location.applicationName {
            configuration.options.additionalStartupParameters.append(("application_name", name))
        } else {
            configuration.options.additionalStartupParameters.append(("application_name", "dsledger"))
        }
        return configuration
    }

    /// libpq's modes: `disable` never, `allow`/`prefer` when the server offers it, `require`
    /// always (checking the certificate as `verify-ca` does when a root certificate is at
    /// hand, as libpq does), `verify-ca` against `sslrootcert`, `verify-full` also checking
    /// that the certificate names the host.
    private func tls() throws(StoreError) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(try context(tls))
        case .require:
            guard location.sslRootCert != nil else {
                tls.certificateVerification = .none
                return .require(try context(tls))
            }
            tls.certificateVerification = .noHostnameVerification
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let root = location.sslRootCert, root != "system" {
            tls.trustRoots = .file(root)
        }
        return .require(try context(tls))
    }

    private func context(_ configuration: TLSConfiguration) throws(StoreError) -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .unreachable(location: location.redactedURL, endpoint: location.endpoint,
                               detail: "cannot set up TLS (sslrootcert \(location.sslRootCert ?? "none")): \(error)")
        }
    }
}
