import Foundation

/// Fills what a ``ConnectionURI`` leaves out, in libpq's order: the URL, then the environment,
/// then the default. See <https://www.postgresql.org/docs/current/libpq-envars.html>.
struct LocationResolver {
    /// The redacted URL, for errors.
    let url: String
    let environment: [String: String]
    let homeDirectory: String
    let systemUserName: () -> String?

    /// The complete location.
    func resolved(_ uri: ConnectionURI) throws(LocationError) -> PostgresLocation {
        let host = try self.host(uri)
        let port = try self.port(uri)
        guard let user = uri.user ?? variable("PGUSER") ?? variable("USER") ?? variable("LOGNAME") ?? systemUserName()
        else { throw .unknownUser(url: url) }
        let database = uri.database ?? variable("PGDATABASE") ?? user
        var location = PostgresLocation(
            host: host, port: port, user: user, database: database,
            connectTimeout: try connectTimeout(uri),
            applicationName: uri.applicationName ?? variable("PGAPPNAME"))
        try resolveTLS(uri, into: &location)
        resolvePassword(uri, into: &location)
        return location
    }

    /// An environment variable, `nil` when unset or empty (libpq ignores empty ones).
    func variable(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// URL, `PGHOST`, `localhost` (libpq would use its socket directory; dsledger uses TCP).
    /// libpq splits a host on commas after decoding, so `%2C` makes several hosts too.
    private func host(_ uri: ConnectionURI) throws(LocationError) -> String {
        let (host, source): (String, LocationError.Source)
        if let value = uri.host {
            (host, source) = (value, .url)
        } else if let value = variable("PGHOST") {
            (host, source) = (value, .environment("PGHOST"))
        } else {
            return "localhost"
        }
        if host.contains(",") { throw .severalHosts(url: url, hosts: host, source: source) }
        return host
    }

    /// URL, `PGPORT`, 5432; digits only, 1…65535.
    private func port(_ uri: ConnectionURI) throws(LocationError) -> Int {
        let (text, source): (String, LocationError.Source)
        if let port = uri.port {
            (text, source) = (port, .url)
        } else if let port = variable("PGPORT") {
            (text, source) = (port, .environment("PGPORT"))
        } else {
            return 5432
        }
        guard let port = Self.wholeNumber(text), (1...65535).contains(port) else {
            throw .invalidPort(url: url, value: text, source: source)
        }
        return port
    }

    /// URL, `PGCONNECT_TIMEOUT`; a whole number of seconds.
    private func connectTimeout(_ uri: ConnectionURI) throws(LocationError) -> Int? {
        let (text, source): (String, LocationError.Source)
        if let timeout = uri.connectTimeout {
            (text, source) = (timeout, .url)
        } else if let timeout = variable("PGCONNECT_TIMEOUT") {
            (text, source) = (timeout, .environment("PGCONNECT_TIMEOUT"))
        } else {
            return nil
        }
        guard let seconds = Self.wholeNumber(text) else {
            throw .invalidConnectTimeout(url: url, value: text, source: source)
        }
        // libpq reads 0 as "wait forever"; here 0 means "the caller's default", so that a
        // PGCONNECT_TIMEOUT=0 set for psql cannot hang dsledger. (libpq also rounds 1 up to 2
        // because it counts whole seconds; the caller's clock is finer, so 1 stays 1.)
        return seconds == 0 ? nil : seconds
    }

    /// `sslmode` (URL, `PGSSLMODE`, `prefer`) and `sslrootcert` (URL, `PGSSLROOTCERT`,
    /// `~/.postgresql/root.crt` if it exists), with libpq's checks of the pair.
    private func resolveTLS(_ uri: ConnectionURI, into location: inout PostgresLocation) throws(LocationError) {
        location.sslRootCert = uri.sslRootCert ?? variable("PGSSLROOTCERT") ?? defaultRootCertificate()
        let systemRoots = location.sslRootCert == "system"
        if let (text, source) = uri.sslMode.map({ ($0, LocationError.Source.url) })
            ?? variable("PGSSLMODE").map({ ($0, LocationError.Source.environment("PGSSLMODE")) }) {
            guard let mode = SSLMode(rawValue: text) else {
                throw .invalidSSLMode(url: url, value: text, source: source)
            }
            location.sslMode = mode
        } else {
            // libpq 16: with sslrootcert=system and no sslmode, the default becomes verify-full.
            location.sslMode = systemRoots ? .verifyFull : .prefer
        }
        if systemRoots, location.sslMode != .verifyFull {
            // libpq refuses it: the system's roots vouch for any name, so only verify-full is safe.
            throw .weakSSLModeWithSystemRoots(url: url, sslMode: location.sslMode)
        }
        guard location.sslMode.verifiesCertificate, !systemRoots else { return }
        guard let path = location.sslRootCert else {
            throw .missingRootCertificate(url: url, sslMode: location.sslMode)
        }
        if !FileManager.default.fileExists(atPath: path) {
            throw .rootCertificateNotFound(url: url, path: path, sslMode: location.sslMode)
        }
    }

    /// URL, `PGPASSWORD`, then the password file (`PGPASSFILE`, else `~/.pgpass`).
    private func resolvePassword(_ uri: ConnectionURI, into location: inout PostgresLocation) {
        if let password = uri.password {
            location.password = password
            location.passwordSource = .url
            location.warnings.append("a password in the ledger URL is visible to other users of this machine "
                + "(ps, /proc); use PGPASSWORD or ~/.pgpass")
            return
        }
        if let password = variable("PGPASSWORD") {
            location.password = password
            location.passwordSource = .environment
            return
        }
        guard let path = variable("PGPASSFILE") ?? inHome(".pgpass") else { return }
        let (file, warning) = PasswordFile.read(path: path)
        if let warning { location.warnings.append(warning) }
        guard let password = file?.password(
            host: location.host, port: location.port, database: location.database, user: location.user)
        else { return }
        location.password = password
        location.passwordSource = .passfile(path)
    }

    /// `~/.postgresql/root.crt` when it exists.
    private func defaultRootCertificate() -> String? {
        guard let path = inHome(".postgresql/root.crt"), FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }

    /// A path in the home directory; `nil` when there is no home directory.
    private func inHome(_ relative: String) -> String? {
        guard !homeDirectory.isEmpty else { return nil }
        return homeDirectory.hasSuffix("/") ? homeDirectory + relative : homeDirectory + "/" + relative
    }

    /// The value of a string of ASCII digits, `nil` for anything else (signs, spaces, overflow).
    private static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(text)
    }
}
