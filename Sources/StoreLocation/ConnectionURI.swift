/// The parts of a libpq connection URI, decoded, before any default is applied.
///
/// `postgresql://[user[:password]@][host][:port][/dbname][?param=value&…]`, as
/// <https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS>.
/// A part that is absent or empty is `nil`, so that the environment fills it as libpq does.
/// Query parameters `user`, `password`, `host`, `port` and `dbname` override the parts before them.
/// User info ends at the authority's last `@`, where libpq takes the first: a raw `@` in a
/// password, which libpq would misread as part of the host, works here.
///
/// It works on Unicode scalars, as libpq on bytes, so that a combining mark after a `/`, `@` or
/// `:` cannot hide the delimiter (Swift's characters would join them).
struct ConnectionURI: Equatable {
    typealias Scalars = Substring.UnicodeScalarView

    var user: String?
    var password: String?
    /// A name, an IPv4 or IPv6 address (without brackets), or a socket directory.
    var host: String?
    /// As written; checked with the environment's `PGPORT` by the resolver.
    var port: String?
    var database: String?
    var sslMode: String?
    var sslRootCert: String?
    var connectTimeout: String?
    var applicationName: String?

    /// The URI's parts.
    /// - Parameters:
    ///   - rest: what follows `scheme://`.
    ///   - url: the whole value with passwords redacted, for error messages.
    /// - Throws: ``LocationError`` for malformed syntax, several hosts or an unknown parameter.
    init(parsing rest: Scalars, url: String) throws(LocationError) {
        let beforeQuery = rest.prefix { $0 != "?" }
        let authority = beforeQuery.prefix { $0 != "/" }
        if rest.dropFirst(authority.count).contains("@") {
            // libpq splits user info at the first `/` too, so a raw `/` or `?` in a password puts
            // the rest of it in the database name or a parameter, where it would be shown.
            throw .malformedURL(url: url, problem: "an '@' after the host; write '@' as %40, "
                + "and '/' and '?' in a user name or password as %2F and %3F")
        }
        var hostAndPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostAndPort = authority[authority.index(after: at)...]
            let user = userInfo.prefix { $0 != ":" }
            self.user = try Self.decoded(user, "the user name", url: url)
            if user.count < userInfo.count {
                password = try Self.decoded(userInfo.dropFirst(user.count + 1), "the password", url: url)
            }
        }
        try parseHostAndPort(hostAndPort, url: url)
        if beforeQuery.count > authority.count {
            database = try Self.decoded(beforeQuery.dropFirst(authority.count + 1), "the database name", url: url)
        }
        if beforeQuery.count < rest.count {
            try parseQuery(rest.dropFirst(beforeQuery.count + 1), url: url)
        }
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port` or `:port`; a comma means several hosts.
    private mutating func parseHostAndPort(_ text: Scalars, url: String) throws(LocationError) {
        if text.contains(",") {
            throw .severalHosts(url: url, hosts: String(Substring(text)), source: .url)
        }
        var afterHost: Scalars
        if text.first == "[" {
            let inside = text.dropFirst().prefix { $0 != "]" }
            guard inside.count + 1 < text.count else {
                throw .malformedURL(url: url, problem: "no ']' after the IPv6 address; write it as [::1]")
            }
            guard !inside.isEmpty else {
                throw .malformedURL(url: url, problem: "empty IPv6 address '[]'; give an address or leave the host out")
            }
            host = try Self.decoded(inside, "the host", url: url)
            afterHost = text.dropFirst(inside.count + 2)
            if let next = afterHost.first, next != ":" {
                throw .malformedURL(
                    url: url, problem: "unexpected '\(next)' after the IPv6 address; expected ':' and a port")
            }
        } else {
            let name = text.prefix { $0 != ":" }
            host = try Self.decoded(name, "the host", url: url)
            afterHost = text.dropFirst(name.count)
        }
        if afterHost.first == ":" {
            port = try Self.decoded(afterHost.dropFirst(), "the port", url: url)
        }
    }

    /// `name=value` pairs joined by `&`; as libpq, a trailing `&` is allowed, an empty pair is not.
    private mutating func parseQuery(_ query: Scalars, url: String) throws(LocationError) {
        var pairs = query.split(separator: "&", omittingEmptySubsequences: false)
        if pairs.last?.isEmpty == true { pairs.removeLast() }
        for pair in pairs {
            let rawName = pair.prefix { $0 != "=" }
            guard rawName.count < pair.count else {
                throw .malformedURL(url: url, problem: "parameter '\(Substring(rawName))' has no '='; write name=value")
            }
            let rawValue = pair.dropFirst(rawName.count + 1)
            guard !rawValue.contains("=") else {
                throw .malformedURL(
                    url: url, problem: "parameter '\(Substring(rawName))' has a second '='; write '=' in a value as %3D")
            }
            let name = try Self.decoded(rawName, "a parameter name", url: url) ?? ""
            let what = name == "password" ? "the password" : "parameter '\(name)'"
            try set(name, to: Self.decoded(rawValue, what, url: url), url: url)
        }
    }

    /// Stores one query parameter; an empty value leaves the setting as it was.
    private mutating func set(_ name: String, to value: String?, url: String) throws(LocationError) {
        let keyPath: WritableKeyPath<ConnectionURI, String?>
        switch name {
        case "user": keyPath = \.user
        case "password": keyPath = \.password
        case "host": keyPath = \.host
        case "port": keyPath = \.port
        case "dbname": keyPath = \.database
        case "sslmode": keyPath = \.sslMode
        case "sslrootcert": keyPath = \.sslRootCert
        case "connect_timeout": keyPath = \.connectTimeout
        case "application_name": keyPath = \.applicationName
        default: throw .unknownParameter(url: url, name: name)
        }
        if name == "host", let value, value.contains(",") {
            throw .severalHosts(url: url, hosts: value, source: .url)
        }
        if let value { self[keyPath: keyPath] = value }
    }

    /// The percent-decoded text, or `nil` when it is empty.
    /// - Parameter what: the part, for the message (`the password` is never quoted).
    private static func decoded(_ text: Scalars, _ what: String, url: String) throws(LocationError) -> String? {
        switch PercentEncoding.decoded(Substring(text)) {
        case .success(let value):
            return value.isEmpty ? nil : value
        case .failure(.invalidEscape(let token)):
            let shown = what == "the password" ? "" : " '\(token)'"
            throw .malformedURL(url: url, problem: "invalid percent-encoding\(shown) in \(what); write '%' as %25")
        case .failure(.nulByte):
            throw .malformedURL(url: url, problem: "%00 in \(what); libpq does not allow a zero byte")
        case .failure(.notUTF8):
            throw .malformedURL(url: url, problem: "\(what) is not UTF-8 once percent-decoded")
        }
    }
}
