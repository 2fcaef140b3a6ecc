/// Where a ``PostgresLocation``'s password came from, in libpq's order of precedence.
public enum PasswordSource: Sendable, Hashable {
    /// The ledger URL (`postgresql://user:password@…` or `?password=`): visible in `ps` and `/proc`.
    case url
    /// The `PGPASSWORD` environment variable.
    case environment
    /// The first matching line of the password file at this path (`PGPASSFILE`, else `~/.pgpass`).
    case passfile(String)
    /// No password: the server may not need one (trust, peer or certificate authentication).
    case none
}
