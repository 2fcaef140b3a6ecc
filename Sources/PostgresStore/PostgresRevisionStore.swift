import Foundation
import Ledger
import Logging
import NIOCore
import PostgresNIO
import StoreLocation

/// The team ledger on PostgreSQL (postgres-nio): the same ledger as the SQLite file, for many
/// writers on many machines. Each call runs on one connection, one call at a time; writes are
/// transactions that lock only the releases they record (`SELECT … FOR UPDATE` on the release
/// row), so writers of different releases never wait for each other. Times come from the
/// server's clock. Every call has a deadline: a stalled server is an error, never a hang.
///
/// ```swift
/// let store = try await PostgresRevisionStore.open(postgres, create: true)
/// let outcomes = try await store.record([draft])
/// await store.close()
/// ```
public final class PostgresRevisionStore: RevisionStore, @unchecked Sendable {
    let connection: PostgresConnection
    let target: PostgresLocation
    let logger: Logger
    /// How long one call may take before the connection is dropped.
    let deadline: Duration
    /// How long a statement waits for another session's lock (`lock_timeout`).
    let lockTimeout: Duration
    /// One call at a time on the connection (a transaction must not interleave with another call).
    let turn = AsyncTurn()
    /// Rebuilds stored objects, keeping the recent ones.
    let objects = ObjectCache()
    /// The version of dsledger using the store.
    let toolVersion: String
    /// Why this dsledger may only read the ledger (a newer one raised `oldest-writer`); nil when it may write.
    private(set) var readOnly: StoreError? {
        get { lock.withLock { refusal } }
        set { lock.withLock { refusal = newValue } }
    }
    private let lock = NSLock()
    private var refusal: StoreError?

    public var location: String { target.redactedURL }

    init(connection: PostgresConnection, location: PostgresLocation, logger: Logger, deadline: Duration, lockTimeout: Duration,
         toolVersion: String) {
        self.toolVersion = toolVersion
        self.connection = connection
        target = location
        self.logger = logger
        // A call waits out the lock timeout before its own deadline drops the connection.
        self.deadline = max(deadline, lockTimeout + .seconds(10))
        self.lockTimeout = lockTimeout
    }

    /// Connects, checks the schema, and migrates it forward when `create` is true and the role
    /// may (a read-only role reads a ledger whose schema is current).
    ///
    /// A ledger whose `oldest-writer` setting is newer than `toolVersion` opens for reading only:
    /// every write is refused with ``StoreError/writerTooOld(location:oldestWriter:current:)``.
    ///
    /// - Parameters:
    ///   - deadline: how long any one call may take (connecting included); at least the lock
    ///     timeout and 10 seconds.
    ///   - lockTimeout: how long a write waits while another writer holds a lock it needs
    ///     (`lock_timeout`); then it fails with ``StoreError/locked(location:waited:)``.
    ///   - toolVersion: the running dsledger's version.
    public static func open(_ location: PostgresLocation, create: Bool, deadline: Duration = .seconds(60),
                            lockTimeout: Duration = LockTimeout.ledgerDefault,
                            toolVersion: String = PostgresMigrations.oldestWriter) async throws(StoreError) -> PostgresRevisionStore {
        try await connect(location, deadline: deadline, lockTimeout: lockTimeout, toolVersion: toolVersion) { store throws(StoreError) in
            try await store.prepareSession(readOnly: false)
            try await PostgresMigrations(store: store).migrate(create: create)
            if let oldest = try await store.settings()["oldest-writer"], ToolVersions.precedes(toolVersion, oldest) {
                store.readOnly = .writerTooOld(location: store.location, oldestWriter: oldest, current: toolVersion)
            }
        }
    }

    /// Connects for reading only, as `verify` does: the session is read-only (`SET SESSION
    /// CHARACTERISTICS AS TRANSACTION READ ONLY`), nothing is migrated and no setting adopted,
    /// so a role granted only SELECT can use it; every write through the store is refused.
    ///
    /// - Throws: ``StoreError/missing(location:)`` for a database with no ledger,
    ///   ``StoreError/olderSchema(location:latestApplied:latestKnown:)`` for a ledger that lacks
    ///   migrations this dsledger has (it is never upgraded here), and
    ///   ``StoreError/newerSchema(location:migration:)`` as ``open(_:create:deadline:toolVersion:)`` does.
    public static func openReadOnly(_ location: PostgresLocation, deadline: Duration = .seconds(60),
                                    lockTimeout: Duration = LockTimeout.ledgerDefault,
                                    toolVersion: String = PostgresMigrations.oldestWriter) async throws(StoreError) -> PostgresRevisionStore {
        try await connect(location, deadline: deadline, lockTimeout: lockTimeout, toolVersion: toolVersion) { store throws(StoreError) in
            try await store.prepareSession(readOnly: true)
            try await PostgresMigrations(store: store).check()
            store.readOnly = .permissionDenied(location: store.location, detail: "the ledger was opened read-only, to verify it")
        }
    }

    /// Connects and sets the store up with `setUp`; the connection is closed when that fails.
    private static func connect(_ location: PostgresLocation, deadline: Duration, lockTimeout: Duration, toolVersion: String,
                                setUp: (PostgresRevisionStore) async throws(StoreError) -> Void) async throws(StoreError) -> PostgresRevisionStore {
        var logger = Logger(label: "dsledger.postgres")
        logger.logLevel = .critical
        let connection = try await PostgresConnector(location: location, logger: logger).connect()
        let store = PostgresRevisionStore(connection: connection, location: location, logger: logger, deadline: deadline, lockTimeout: lockTimeout,
                                          toolVersion: toolVersion)
        do {
            try await setUp(store)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Bounds every statement on the server side too, and makes times read in UTC; with
    /// `readOnly`, every transaction of the session is read-only.
    private func prepareSession(readOnly: Bool) async throws(StoreError) {
        let milliseconds = deadline.components.seconds * 1000
        let settings = ["statement_timeout = \(milliseconds)", "lock_timeout = \(max(1, LockTimeout.milliseconds(lockTimeout)))", "TIME ZONE 'UTC'"]
            + (readOnly ? ["SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"] : [])
        _ = try await run { connection in
            for setting in settings {
                try await connection.query(PostgresQuery(unsafeSQL: "SET " + setting), logger: self.logger)
            }
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// Runs `body` on the connection, alone and within the deadline.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        await turn.acquire()
        defer { turn.release() }
        let connection = connection
        let seconds = Int(deadline.components.seconds)
        let (location, endpoint) = (location, target.endpoint)
        do {
            // When the server stalls, the connection is dropped so nothing waits on it any more.
            return try await Deadline.race(deadline, onExpiry: { try? await connection.close() },
                                           expired: { StoreError.timedOut(location: location, endpoint: endpoint, seconds: seconds) }) {
                try await body(connection)
            }
        } catch {
            throw PostgresErrors.storeError(error, location: target, lockTimeout: lockTimeout)
        }
    }

    /// Runs `body` in a transaction on the connection, alone and within the deadline. A
    /// deadlock or serialization failure (another writer's objects) is retried from the start;
    /// anything else rolls the whole transaction back.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        try await run { connection in
            var attempt = 1
            while true {
                try await connection.query("BEGIN", logger: self.logger)
                do {
                    let value = try await body(connection)
                    try await connection.query("COMMIT", logger: self.logger)
                    return value
                } catch {
                    try? await connection.query("ROLLBACK", logger: self.logger)
                    guard attempt < 5, PostgresErrors.isRetryable(error) else { throw error }
                    attempt += 1
                }
            }
        }
    }
}

/// A first-come, first-served turn for async callers: one holder at a time.
final class AsyncTurn: @unchecked Sendable {
    private let lock = NSLock()
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = lock.withLock { () -> Bool in
                if held {
                    waiting.append(continuation)
                    return false
                }
                held = true
                return true
            }
            if granted { continuation.resume() }
        }
    }

    func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if waiting.isEmpty {
                held = false
                return nil
            }
            return waiting.removeFirst()
        }
        next?.resume()
    }
}
