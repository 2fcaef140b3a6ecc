import ArgumentParser
import Foundation
import History
import Ledger

/// `--db PATH`, shared by every command that reads or writes the ledger.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The ledger file (default: $DSLEDGER_DB, else $XDG_DATA_HOME/dsledger/ledger.db, else ~/.local/share/dsledger/ledger.db).")
    var database: String?

    /// The ledger's path: `--db`, `DSLEDGER_DB`, `$XDG_DATA_HOME/dsledger/ledger.db`, or
    /// `~/.local/share/dsledger/ledger.db`.
    func path(in context: CommandContext) -> String {
        if let database { return database }
        let env = context.environment
        if let path = env["DSLEDGER_DB"], !path.isEmpty { return path }
        if let data = env["XDG_DATA_HOME"], !data.isEmpty { return "\(data)/dsledger/ledger.db" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(home)/.local/share/dsledger/ledger.db"
    }

    /// Opens the ledger; read-only commands do not create it.
    func open(in context: CommandContext, create: Bool) throws -> SQLiteRevisionStore {
        let path = path(in: context)
        do {
            return try SQLiteRevisionStore.open(path: path, create: create)
        } catch {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            // SQLite only says "unable to open database file"; say why when the folder is the cause.
            if FileManager.default.fileExists(atPath: path), access(folder, W_OK) != 0 {
                let reason = errno == EROFS ? "is on a read-only file system" : "is not writable"
                throw CommandFailure(description: "\(path): error: cannot open the ledger: its folder \(folder) \(reason), and SQLite needs to write the -wal and -shm files beside it")
            }
            throw CommandFailure(description: error.description)
        }
    }

    /// The HMAC key: `DSLEDGER_HMAC_KEY_FILE`, else `<ledger>.key` beside the ledger.
    func keyPath(in context: CommandContext) -> String {
        if let path = context.environment["DSLEDGER_HMAC_KEY_FILE"], !path.isEmpty { return path }
        return path(in: context) + ".key"
    }

    /// Loads the HMAC key, creating it (0600) only for a ledger that holds no revision yet.
    func secretKey(in context: CommandContext, store: SQLiteRevisionStore) throws -> SecretKey {
        let path = keyPath(in: context)
        if let data = FileManager.default.contents(atPath: path) {
            guard let key = SecretKey(bytes: data) else {
                throw CommandFailure(description: "\(path): error: not an HMAC key (expected 32 bytes, found \(data.count))")
            }
            return key
        }
        if try store.hasRevisions() {
            // Another process may have created the key and recorded with it since the read above
            // (keys are linked into place before anything is recorded with them).
            if let data = FileManager.default.contents(atPath: path), let key = SecretKey(bytes: data) { return key }
            throw CommandFailure(description: "\(path): error: the HMAC key of \(store.path) is missing; restore it, or point DSLEDGER_HMAC_KEY_FILE at it (a new key would make every recorded secret hash unverifiable)")
        }
        return try Self.createKey(at: path)
    }

    /// Creates the key atomically: written in full to a private temporary file, then linked
    /// into place, so a crash never leaves an empty or partial key, and of two processes racing
    /// to create it, both end up with the same one.
    private static func createKey(at path: String) throws -> SecretKey {
        let bytes = SecretKey.generateBytes()
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = Foundation.open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure(description: "\(path): error: cannot create the HMAC key: \(String(cString: strerror(errno)))")
        }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        defer { unlink(temporary) }
        guard written == bytes.count, synced else {
            throw CommandFailure(description: "\(path): error: cannot write the HMAC key")
        }
        if link(temporary, path) != 0 {
            // Another process linked its key first: use that one.
            guard errno == EEXIST, let data = FileManager.default.contents(atPath: path), let key = SecretKey(bytes: data) else {
                throw CommandFailure(description: "\(path): error: cannot create the HMAC key: \(String(cString: strerror(errno)))")
            }
            return key
        }
        guard let key = SecretKey(bytes: bytes) else { throw CommandFailure(description: "\(path): error: cannot write the HMAC key") }
        return key
    }
}
