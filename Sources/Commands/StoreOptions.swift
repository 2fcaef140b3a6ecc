import ArgumentParser
import Foundation
import History
import Ledger
import PostgresStore
import StoreLocation

/// `--db`, `--hmac-key-file` and `--lock-timeout`, shared by every command that reads or writes the ledger.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The ledger: a file, or a postgresql:// URL for a team ledger (default: $DSLEDGER_DB, else $XDG_DATA_HOME/dsledger/ledger.db, else ~/.local/share/dsledger/ledger.db).",
        valueName: "PATH|URL"))
    var database: String?

    @Option(name: .customLong("hmac-key-file"), help: ArgumentHelp(
        "The ledger's HMAC key (default: $DSLEDGER_HMAC_KEY_FILE, else <ledger file>.key; a team ledger needs one of the two).",
        valueName: "FILE"))
    var hmacKeyFile: String?

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp(
        "How long to wait for another writer to let go: of the ledger's write lock (default 30s), and for apply and rollback of the release's Lease too (default 60s); 0 fails at once (default: $DSLEDGER_LOCK_TIMEOUT).",
        valueName: "DURATION"), transform: { text in
            guard let value = TimeoutDuration(text) else { throw ValidationError("invalid --lock-timeout '\(text)'; use a duration such as 0, 30s or 2m") }
            return value
        })
    var lockTimeout: TimeoutDuration?

    /// The lock timeout given: `--lock-timeout`, else `DSLEDGER_LOCK_TIMEOUT`; `nil` when neither
    /// is, so each lock keeps its own default (30 s for the ledger, 60 s for a release's Lease).
    func givenLockTimeout(in context: CommandContext) throws -> Duration? {
        if let lockTimeout { return lockTimeout.duration }
        guard let text = context.environment["DSLEDGER_LOCK_TIMEOUT"], !text.isEmpty else { return nil }
        guard let value = TimeoutDuration(text) else {
            throw ValidationError("invalid DSLEDGER_LOCK_TIMEOUT '\(text)'; use a duration such as 0, 30s or 2m")
        }
        return value.duration
    }

    /// How long a write waits for another writer's lock on the ledger.
    private func ledgerLockTimeout(in context: CommandContext) throws -> Duration {
        try givenLockTimeout(in: context) ?? LockTimeout.ledgerDefault
    }

    /// The ledger's location as given: `--db`, `DSLEDGER_DB`, `$XDG_DATA_HOME/dsledger/ledger.db`,
    /// or `~/.local/share/dsledger/ledger.db`.
    func value(in context: CommandContext) -> String {
        if let database { return database }
        let env = context.environment
        if let value = env["DSLEDGER_DB"], !value.isEmpty { return value }
        if let data = env["XDG_DATA_HOME"], !data.isEmpty { return "\(data)/dsledger/ledger.db" }
        return "\(home(in: context))/.local/share/dsledger/ledger.db"
    }

    /// Where the ledger is: a file, or a PostgreSQL server read with libpq's conventions. A URL
    /// is never taken for a file name.
    func location(in context: CommandContext) throws -> LedgerLocation {
        do {
            return try LedgerLocation.parse(value(in: context), environment: context.environment, homeDirectory: home(in: context))
        } catch {
            throw CommandError.ledgerLocation(error)
        }
    }

    private func home(in context: CommandContext) -> String {
        context.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// Opens the ledger; read-only commands do not create it.
    func open(in context: CommandContext, create: Bool) async throws -> any RevisionStore {
        let store = try await connect(in: context, create: create)
        OpenStores.current?.add(store)
        return store
    }

    /// Opens the ledger for a command that only reads (`history`, `show`, `diff`, `blame`,
    /// `regenerate`…): as ``open(in:create:)`` without creating it, except that a ledger file
    /// this process cannot write (read-only media or mount, another user's file or folder) is
    /// opened read-only as `verify` opens it, where a read-write open would fail on SQLite's
    /// `-shm` file.
    ///
    /// An up-to-date ledger file is opened read-only whatever its permissions: a reader then
    /// writes and syncs nothing (``SQLiteRevisionStore/openUpToDate(path:)``).
    func openForReading(in context: CommandContext) async throws -> any RevisionStore {
        if case .file(let path) = try location(in: context), FileManager.default.fileExists(atPath: path) {
            if access(path, W_OK) != 0 || access(URL(fileURLWithPath: path).deletingLastPathComponent().path, W_OK) != 0 {
                return try await openReadOnly(in: context)
            }
            if let store = try SQLiteRevisionStore.openUpToDate(path: path) {
                OpenStores.current?.add(store)
                return store
            }
        }
        return try await open(in: context, create: false)
    }

    /// Opens the ledger for reading only, as `verify` does: never created, migrated or written
    /// (a read-only file on read-only media, a role granted only SELECT).
    func openReadOnly(in context: CommandContext) async throws -> any RevisionStore {
        let store: any RevisionStore
        switch try location(in: context) {
        case .file(let path):
            store = try SQLiteRevisionStore.openReadOnly(path: path)
        case .postgres(let postgres):
            for warning in postgres.warnings { context.writeError("dsledger: warning: \(warning)\n") }
            store = try await PostgresRevisionStore.openReadOnly(postgres, deadline: deadline(in: context),
                                                                 lockTimeout: ledgerLockTimeout(in: context), toolVersion: ToolVersion.current)
        }
        OpenStores.current?.add(store)
        return store
    }

    /// How long one call to a team ledger may take: `DSLEDGER_DB_TIMEOUT` seconds, else 60.
    private func deadline(in context: CommandContext) -> Duration {
        .seconds(context.environment["DSLEDGER_DB_TIMEOUT"].flatMap(Int.init).map { max(1, $0) } ?? 60)
    }

    private func connect(in context: CommandContext, create: Bool) async throws -> any RevisionStore {
        switch try location(in: context) {
        case .file(let path):
            return try openFile(path, create: create, lockTimeout: ledgerLockTimeout(in: context))
        case .postgres(let postgres):
            for warning in postgres.warnings { context.writeError("dsledger: warning: \(warning)\n") }
            return try await PostgresRevisionStore.open(postgres, create: create, deadline: deadline(in: context),
                                                        lockTimeout: ledgerLockTimeout(in: context),
                                                        toolVersion: ToolVersion.current)
        }
    }

    private func openFile(_ path: String, create: Bool, lockTimeout: Duration) throws -> any RevisionStore {
        do {
            return try SQLiteRevisionStore.open(path: path, create: create, lockTimeout: lockTimeout)
        } catch {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            // SQLite only says "unable to open database file"; say why when the folder is the cause.
            if FileManager.default.fileExists(atPath: path), access(folder, W_OK) != 0 {
                let reason = errno == EROFS ? "is on a read-only file system" : "is not writable"
                throw InputError.unwritableLedgerFolder(path, folder: folder, reason: reason)
            }
            throw error
        }
    }

    /// The HMAC key: `--hmac-key-file`, `DSLEDGER_HMAC_KEY_FILE`, else `<ledger>.key` beside a
    /// ledger file. A team ledger has no file to put it beside: everyone writing it must name
    /// the same key.
    func keyPath(in context: CommandContext) throws -> String {
        if let hmacKeyFile, !hmacKeyFile.isEmpty { return hmacKeyFile }
        if let path = context.environment["DSLEDGER_HMAC_KEY_FILE"], !path.isEmpty { return path }
        switch try location(in: context) {
        case .file(let path):
            return path + ".key"
        case .postgres(let postgres):
            throw InputError.teamLedgerNeedsKey(postgres.redactedURL)
        }
    }

    /// Loads the HMAC key, creating it (0600) only for a ledger that holds no revision yet, and
    /// checks it is the ledger's: the ledger keeps the key's id, and another key is refused.
    func secretKey(in context: CommandContext, store: any RevisionStore) async throws -> SecretKey {
        let path = try keyPath(in: context)
        let key = try await loadKey(at: path, store: store)
        try await LedgerKey.check(key, keyFile: path, store: store)
        return key
    }

    private func loadKey(at path: String, store: any RevisionStore) async throws -> SecretKey {
        if let key = try KeyFile.read(path) { return key }
        if try await store.hasRevisions() {
            // Another process may have created the key and recorded with it since the read above
            // (keys are linked into place before anything is recorded with them).
            if let key = try KeyFile.read(path) { return key }
            throw InputError.keyMissing(path, ledger: store.location)
        }
        return try KeyFile.create(path)
    }
}

/// The stores a command opened, closed when it ends (a team ledger's connection is ended
/// politely rather than dropped).
final class OpenStores: @unchecked Sendable {
    private let lock = NSLock()
    private var stores: [any RevisionStore] = []

    /// The stores of the command being run.
    @TaskLocal static var current: OpenStores?

    func add(_ store: any RevisionStore) {
        lock.withLock { stores.append(store) }
    }

    func closeAll() async {
        for store in lock.withLock({ stores }) { await store.close() }
        lock.withLock { stores.removeAll() }
    }
}
