import Foundation
import Ledger
import StoreLocation

/// The ledger's HMAC key file: read with ``PrivateFile``'s checks (owner, mode, regular file;
/// symlinks followed, as a key mounted from a Kubernetes Secret is one), created exclusively.
enum KeyFile {
    /// The key at `path`, or `nil` when there is no file.
    /// - Throws: ``InputError`` for a file that fails a check, cannot be read, or is not 32 bytes.
    static func read(_ path: String) throws -> SecretKey? {
        let bytes: [UInt8]?
        do {
            // More than a key, so a longer file is told from one (and its size shown, up to this).
            bytes = try PrivateFile.read(path, limit: 4096)
        } catch {
            throw refusal(error, path: path)
        }
        guard let bytes else { return nil }
        guard let key = SecretKey(bytes: Data(bytes)) else { throw InputError.notAKey(path, found: bytes.count) }
        return key
    }

    /// ``read(_:)``, except that a key this user may not read (another user's 0600 key, when a
    /// ledger is only verified or copied) is taken as no key.
    static func readIfPermitted(_ path: String) throws -> SecretKey? {
        if access(path, R_OK) != 0, errno == EACCES { return nil }
        return try read(path)
    }

    /// Creates a new key at `path` (mode 0600, the folder synced after), or, when another process
    /// created one first, returns that one, so both use the same.
    /// - Throws: ``InputError`` when the file cannot be created, or the file found fails a check.
    static func create(_ path: String) throws -> SecretKey {
        let bytes = SecretKey.generateBytes()
        let created: Bool
        do {
            created = try PrivateFile.create(path, contents: Array(bytes))
        } catch {
            throw refusal(error, path: path)
        }
        if created, let key = SecretKey(bytes: bytes) { return key }
        guard let key = try read(path) else {
            throw InputError.cannotCreateKey(path, reason: "a symlink that points nowhere has its name")
        }
        return key
    }

    /// The user's words for a key file's problem.
    private static func refusal(_ problem: PrivateFile.Problem, path: String) -> InputError {
        switch problem {
        case .groupOrWorldAccess(let mode): return InputError.keyNotPrivate(path, mode: mode)
        case .foreignOwner(let uid): return InputError.keyOfAnotherUser(path, uid: uid)
        case .notRegularFile: return InputError.unreadable(path, reason: "not a regular file")
        case .system(let operation, let reason):
            return operation == "open" || operation == "read"
                ? InputError.unreadable(path, reason: reason) : InputError.cannotCreateKey(path, reason: "\(operation): \(reason)")
        }
    }
}
