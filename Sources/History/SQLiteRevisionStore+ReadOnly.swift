internal import GRDB
import Foundation
import Ledger

extension SQLiteRevisionStore {
    /// Opens the ledger at `path` for reading only, as `verify` does: it never migrates,
    /// never switches the journal mode, never writes, and every write through the store is refused.
    ///
    /// - The file is opened read-only (`SQLITE_OPEN_READONLY`). On a writable folder SQLite may
    ///   leave empty `-wal` and `-shm` files beside it, as any reader of a WAL database does.
    /// - When that fails and the folder cannot be written (read-only media), and the ledger has
    ///   no `-wal` file with changes in it, the file is opened `immutable=1`: SQLite then needs
    ///   no `-shm` file and takes no locks. A `-wal` file holding changes cannot be read without
    ///   a `-shm` file, and is refused with a message saying so.
    /// - A ledger of an older schema (fewer migrations than this dsledger knows) is copied into
    ///   memory and the copy migrated; the file is left as it was.
    ///
    /// - Throws: ``StoreError/missing(location:)`` when there is no ledger at `path`,
    ///   ``StoreError/newerSchema(location:migration:)`` for a ledger a newer dsledger wrote.
    public static func openReadOnly(path: String) throws(StoreError) -> SQLiteRevisionStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(location: path) }
        do {
            let queue = try readOnlyQueue(path: path)
            let applied = try queue.read(appliedMigrations)
            guard !applied.isEmpty else {
                try queue.close()
                throw StoreError.missing(location: path)
            }
            try refuseUnknown(applied, path: path)
            if Set(migrationIdentifiers).isSubset(of: applied) {
                return SQLiteRevisionStore(pool: queue, path: path, readOnly: true)
            }
            let copy = try DatabaseQueue(configuration: Self.configuration)
            try queue.backup(to: copy)
            try queue.close()
            try migrator.migrate(copy)
            return SQLiteRevisionStore(pool: copy, path: path, readOnly: true)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(location: path, cause: DatabaseCause(error))
        }
    }

    /// The ledger at `path` opened read-only when this dsledger needs to migrate nothing, for a
    /// command that only reads: it writes nothing, so it syncs nothing and leaves no checkpoint
    /// to make when it closes. `nil` when the ledger needs migrating, or when a read-only
    /// connection cannot read it (a log left by a killed writer needs a read-write connection to
    /// replay it): the caller then opens it read-write.
    ///
    /// - Throws: ``StoreError/newerSchema(location:migration:)`` for a ledger a newer dsledger wrote.
    public static func openUpToDate(path: String) throws(StoreError) -> SQLiteRevisionStore? {
        var configuration = Self.configuration
        configuration.readonly = true
        let queue: DatabaseQueue
        let applied: Set<String>
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            applied = try queue.read(appliedMigrations)
        } catch {
            return nil
        }
        do {
            try refuseUnknown(applied, path: path)
        } catch {
            try? queue.close()
            throw error
        }
        guard !applied.isEmpty, Set(migrationIdentifiers).isSubset(of: applied) else {
            try? queue.close()
            return nil
        }
        return SQLiteRevisionStore(pool: queue, path: path, readOnly: true)
    }

    /// One read-only connection to `path`, `immutable=1` on read-only media when that is safe.
    private static func readOnlyQueue(path: String) throws -> DatabaseQueue {
        var configuration = Self.configuration
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // Reading the schema opens the WAL index, which is where read-only media fail.
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") }
            return queue
        } catch let error as DatabaseError where !folderIsWritable(path) {
            guard walIsEmpty(path) else {
                throw StoreError.permissionDenied(
                    location: path,
                    detail: "its -wal file holds changes that SQLite cannot read on a read-only folder without a -shm file it can use; "
                        + "copy the ledger and its -wal file to a writable folder and verify the copy",
                    cause: DatabaseCause(error))
            }
            return try DatabaseQueue(path: immutableURI(path), configuration: configuration)
        }
    }

    private static func folderIsWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// True when the ledger has no `-wal` file, or an empty one: the file alone is the whole ledger.
    private static func walIsEmpty(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
        return (size ?? 0) == 0
    }

    /// `file:<path>?immutable=1`, the path percent-encoded as SQLite's URI file names want.
    package static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7f...:
                encoded += String(format: "%%%02X", byte)
            default:
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:\(encoded)?immutable=1"
    }
}
