#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file only its owner may read: the ledger's HMAC key, and a SQLite ledger when dsledger
/// creates it.
///
/// Creating never follows a symlink and never writes through a name someone else chose: the
/// contents go to a new file with a random name, opened `O_CREAT|O_EXCL|O_NOFOLLOW` with mode
/// 0600 (as `mkstemp` does), synced, then linked into place; `link` fails when anything (a file,
/// a symlink) already has the name. The folder is synced after the link, so a power loss cannot
/// keep what was written with the file while losing the file itself.
///
/// Reading follows symlinks (a file mounted from a Kubernetes Secret is a symlink into the
/// volume's `..data` folder) and checks the file it reaches: a regular file, owned by the user
/// dsledger runs as or by root, with no access for group or others (as OpenSSH and libpq check a
/// private key or password file).
public enum PrivateFile {
    /// What is wrong with a private file, or the system call that failed.
    public enum Problem: Error, Sendable, Hashable {
        /// Group or others may access the file; `mode` is its permission bits (`0o644`).
        case groupOrWorldAccess(mode: UInt32)
        /// Neither the user dsledger runs as nor root owns the file.
        case foreignOwner(uid: UInt32)
        /// A folder, a device, a pipe…: not a regular file.
        case notRegularFile
        /// `operation` failed with the system's `reason` ("Permission denied").
        case system(operation: String, reason: String)
    }

    /// The file's bytes, at most `limit` of them, after the checks above; `nil` when no file has
    /// the name (or a symlink with the name points nowhere).
    /// - Throws: ``Problem`` when the file fails a check or cannot be read.
    public static func read(_ path: String, limit: Int) throws(Problem) -> [UInt8]? {
        // O_NONBLOCK: a planted FIFO must not block the open; it is refused as not regular below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .system(operation: "open", reason: reason())
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system(operation: "stat", reason: reason()) }
        try check(info)
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, limit - count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw .system(operation: "read", reason: reason()) }
            if got == 0 { break }
            count += got
        }
        return Array(bytes[..<count])
    }

    /// The checks ``read(_:limit:)`` makes on the file a path reaches.
    static func check(_ info: stat) throws(Problem) {
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile }
        guard info.st_uid == geteuid() || info.st_uid == 0 else { throw .foreignOwner(uid: info.st_uid) }
        let mode = UInt32(info.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw .groupOrWorldAccess(mode: mode) }
    }

    /// Creates `path` holding `contents` (mode 0600), unless something already has the name.
    /// - Parameter temporaryName: the name to write to before the link; random unless a test
    ///   chooses. A name taken (even by a symlink) is never opened: another is drawn, up to 8.
    /// - Returns: true when this call created the file, false when the name was taken (by a
    ///   process that raced this one, or by anything else: the caller reads it, with the checks).
    /// - Throws: ``Problem`` when a system call fails.
    public static func create(_ path: String, contents: [UInt8],
                              temporaryName: (String) -> String = randomTemporaryName) throws(Problem) -> Bool {
        let (temporary, descriptor) = try openTemporary(beside: path, naming: temporaryName)
        defer { unlink(temporary) }
        do throws(Problem) {
            try write(contents, to: descriptor)
            guard fsync(descriptor) == 0 else { throw .system(operation: "fsync", reason: reason()) }
        } catch {
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return false }
            throw .system(operation: "link", reason: reason())
        }
        try syncFolder(of: path)
        return true
    }

    /// `path` with a random suffix: `ledger.db.key.3f9c0a1b2d4e6f70.tmp`.
    public static func randomTemporaryName(for path: String) -> String {
        "\(path).\(String(UInt64.random(in: .min ... .max), radix: 16)).tmp"
    }

    /// Syncs the folder holding `path`, so the name linked there survives a power loss. A file
    /// system that cannot sync a folder (`EINVAL`) is taken as having nothing to sync.
    /// - Throws: ``Problem`` when the folder cannot be opened or synced.
    public static func syncFolder(of path: String) throws(Problem) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(operation: "open the folder", reason: reason()) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw .system(operation: "fsync the folder", reason: reason()) }
    }

    private static func openTemporary(beside path: String, naming: (String) -> String) throws(Problem) -> (String, Int32) {
        for _ in 0..<8 {
            let temporary = naming(path)
            let descriptor = open(temporary, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return (temporary, descriptor) }
            guard errno == EEXIST || errno == ELOOP else { throw .system(operation: "create", reason: reason()) }
        }
        throw .system(operation: "create", reason: "every temporary name tried was taken")
    }

    private static func write(_ contents: [UInt8], to descriptor: Int32) throws(Problem) {
        var written = 0
        while written < contents.count {
            let count = contents.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, contents.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw .system(operation: "write", reason: reason()) }
            written += count
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
