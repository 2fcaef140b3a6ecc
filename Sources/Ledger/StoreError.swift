/// What can go wrong with a store, as values: the command line turns them into words
/// (``description``). `location` is the ledger's path, or its URL without any password.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No ledger there yet (a read-only command does not create one).
    case missing(location: String)
    /// The ledger was written by a newer dsledger, with a migration this one does not know.
    case newerSchema(location: String, migration: String)
    /// The ledger lacks migrations this dsledger has, and was opened read-only (to verify), so
    /// it was not upgraded: `latestApplied` is its latest migration, `latestKnown` this dsledger's.
    case olderSchema(location: String, latestApplied: String, latestKnown: String)
    /// A newer dsledger changed the ledger in a way this one may no longer write; it can still read.
    case writerTooOld(location: String, oldestWriter: String, current: String)
    /// The database refused or failed a statement; `cause` keeps the engine's code and message.
    case database(location: String, cause: DatabaseCause)
    /// Stored data does not read back as it was written; `cause` is the engine's report when it
    /// found the damage (SQLite's `SQLITE_CORRUPT`), `nil` when dsledger did.
    case corrupt(location: String, detail: String, cause: DatabaseCause? = nil)
    /// The server is down, unreachable, or the connection dropped.
    case unreachable(location: String, endpoint: String, detail: String)
    /// The server refused the user's credentials.
    case authentication(location: String, endpoint: String, user: String, detail: String)
    /// The server did not answer in time.
    case timedOut(location: String, endpoint: String, seconds: Int)
    /// The role may not do what the command needs (a read-only role writing, say); `cause` is
    /// the engine's report.
    case permissionDenied(location: String, detail: String, cause: DatabaseCause? = nil)
    /// What is written would contradict what the ledger holds (a copied revision that does not
    /// continue the release's chain).
    case conflict(location: String, detail: String)
    /// The HMAC key is not the one the ledger was recorded with.
    case keyMismatch(location: String, keyFile: String)
    /// Another writer held the ledger's write lock for longer than the lock timeout (SQLite's
    /// busy timeout, PostgreSQL's `lock_timeout`); `waited` is that timeout as given (`30s`).
    case locked(location: String, waited: String)

    public var description: String {
        switch self {
        case .missing(let location):
            return "\(location): error: no ledger here yet; record a revision first (dsledger render -f FILE)"
        case .newerSchema(let location, let migration):
            return "\(location): error: the ledger was written by a newer dsledger (schema '\(migration)'); upgrade dsledger — the ledger was left untouched"
        case .olderSchema(let location, let applied, let known):
            return "\(location): error: the ledger's schema is older than this dsledger's (its latest migration is '\(applied)', this dsledger's is '\(known)'); verify reads a ledger as it is and never upgrades it: upgrade it with dsledger ledger migrate, as a role that may change the schema, then verify"
        case .writerTooOld(let location, let oldest, let current):
            return "\(location): error: dsledger \(oldest) or newer must write this ledger (this is \(current)); it can still read it — upgrade dsledger to record"
        case .database(let location, let cause):
            return "\(location): error: \(cause)"
        case .corrupt(let location, let detail, _):
            return "\(location): error: stored data is damaged: \(detail); run dsledger verify"
        case .unreachable(let location, let endpoint, let detail):
            return "\(location): error: cannot reach the ledger's server at \(endpoint): \(detail)"
        case .authentication(let location, let endpoint, let user, let detail):
            return "\(location): error: the server at \(endpoint) refused user '\(user)': \(detail)"
        case .timedOut(let location, let endpoint, let seconds):
            return "\(location): error: the server at \(endpoint) did not answer within \(seconds)s"
        case .permissionDenied(let location, let detail, _):
            return "\(location): error: permission denied: \(detail)"
        case .conflict(let location, let detail):
            return "\(location): error: \(detail); nothing was written"
        case .keyMismatch(let location, let keyFile):
            return "\(location): error: the HMAC key \(keyFile) is not the key this ledger was recorded with; point DSLEDGER_HMAC_KEY_FILE (or --hmac-key-file) at the ledger's key — with another key every recorded secret would look changed"
        case .locked(let location, let waited):
            return "\(location): error: the ledger is locked: another writer held it for longer than the lock timeout (\(waited)); nothing was written — try again, or wait longer with --lock-timeout or DSLEDGER_LOCK_TIMEOUT (e.g. --lock-timeout 2m)"
        }
    }
}
