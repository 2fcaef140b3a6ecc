import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TestSupport

/// The PostgreSQL programs on this machine and the account the server programs run under.
///
/// PostgreSQL refuses to run as root, so when the tests run as root (as they do in containers and
/// CI) `initdb` and `pg_ctl` run as the `postgres` account, and the files they use are given to it.
struct PostgresInstallation: Sendable {
    /// The account the server programs run as when the tests run as root.
    struct Account: Sendable {
        var uid: uid_t
        var gid: gid_t
        /// The command that runs the rest of its arguments as this account.
        var prefix: [String]
    }

    /// The folder holding `initdb`, `pg_ctl`, `postgres`, `psql`, `pg_dump` and `pg_isready`.
    var binFolder: String
    /// `nil` when the tests do not run as root: the programs then run as the current user.
    var account: Account?

    /// Finds the highest installed version under `/usr/lib/postgresql/*/bin` (Debian's layout),
    /// falling back to an `initdb` on PATH.
    /// - Throws: ``PostgresServerError/binariesNotFound(searched:)`` or
    ///   ``PostgresServerError/noServerAccount(_:)``.
    static func find() throws -> PostgresInstallation {
        let root = "/usr/lib/postgresql"
        let fileManager = FileManager.default
        let versions = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? [])
            .filter { fileManager.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
            .sorted { versionComponents($0).lexicographicallyPrecedes(versionComponents($1)) }
        var searched = ["\(root)/*/bin"]
        var binFolder = versions.last.map { "\(root)/\($0)/bin" }
        if binFolder == nil {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            searched += path.split(separator: ":").map(String.init)
            binFolder = searched.dropFirst().first { fileManager.isExecutableFile(atPath: "\($0)/initdb") }
        }
        guard let binFolder else { throw PostgresServerError.binariesNotFound(searched: searched) }
        return PostgresInstallation(binFolder: binFolder, account: geteuid() == 0 ? try serverAccount() : nil)
    }

    /// The absolute path of one of the programs; client programs missing from the server's folder
    /// (some distributions split them) are looked up on PATH instead.
    func program(_ name: String) -> String {
        let path = "\(binFolder)/\(name)"
        return FileManager.default.isExecutableFile(atPath: path) ? path : name
    }

    /// A minimal environment for the programs, so the caller's `PG*` variables cannot redirect them.
    func environment(home: URL, adding extra: [String: String] = [:]) -> [String: String] {
        let base = ["PATH": "\(binFolder):/usr/local/bin:/usr/bin:/bin", "HOME": home.path,
                    "LANG": "C", "LC_ALL": "C", "PGCONNECT_TIMEOUT": "10"]
        return base.merging(extra) { $1 }
    }

    /// Runs a server program (`initdb`, `pg_ctl`) as the account, in `folder`, and waits for it.
    /// - Throws: ``PostgresServerError/commandFailed(command:status:output:)`` when it exits non-zero.
    @discardableResult
    func runAsServer(_ name: String, _ arguments: [String], in folder: URL) throws -> Subprocess {
        let command = (account?.prefix ?? []) + [program(name)] + arguments
        let result = try Subprocess.run(command[0], Array(command.dropFirst()),
                                        environment: environment(home: folder), in: folder)
        guard result.status == 0 else {
            throw PostgresServerError.commandFailed(command: ([name] + arguments).joined(separator: " "),
                                                    status: result.status, output: result.combinedOutput)
        }
        return result
    }

    /// Runs a server program that leaves a daemon behind (`pg_ctl start`) as the account, in
    /// `folder`, and waits for it; its output is appended to `outputPath`.
    /// - Throws: ``PostgresServerError/commandFailed(command:status:output:)`` when it exits non-zero.
    func startDaemon(_ name: String, _ arguments: [String], in folder: URL, outputPath: String) throws {
        let command = (account?.prefix ?? []) + [program(name)] + arguments
        let status = try DaemonLauncher.run(command, environment: environment(home: folder), in: folder, outputPath: outputPath)
        guard status == 0 else {
            let output = FileManager.default.contents(atPath: outputPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw PostgresServerError.commandFailed(command: ([name] + arguments).joined(separator: " "),
                                                    status: status, output: output)
        }
    }

    /// Makes `path` belong to the account (a no-op when not root) and sets its permission bits.
    func giveToServer(_ path: String, mode: mode_t) throws {
        if let account, chown(path, account.uid, account.gid) != 0 {
            throw PostgresServerError.fileSystem(path: path, reason: String(cString: strerror(errno)))
        }
        if chmod(path, mode) != 0 {
            throw PostgresServerError.fileSystem(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `text` to `path` for the account's eyes only (mode 0600).
    func writeServerFile(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PostgresServerError.fileSystem(path: path, reason: "could not write the file")
        }
        try giveToServer(path, mode: 0o600)
    }

    /// Throws when the account cannot reach `folder`: every folder above it must be searchable by others.
    func checkReachable(_ folder: URL) throws {
        guard account != nil else { return }
        var parent = folder.deletingLastPathComponent()
        while parent.path != "/" && !parent.path.isEmpty {
            let mode = (try? FileManager.default.attributesOfItem(atPath: parent.path)[.posixPermissions] as? Int) ?? 0
            guard mode & 0o001 != 0 else { throw PostgresServerError.unreachableFolder(parent.path) }
            parent = parent.deletingLastPathComponent()
        }
    }

    private static func versionComponents(_ name: String) -> [Int] {
        name.split(separator: ".").map { Int($0) ?? 0 }
    }

    /// The `postgres` account and a way to become it: `runuser` (util-linux), else `setpriv`.
    private static func serverAccount() throws -> Account {
        guard let entry = getpwnam("postgres") else { throw PostgresServerError.noServerAccount("no 'postgres' account") }
        let uid = entry.pointee.pw_uid, gid = entry.pointee.pw_gid
        let fileManager = FileManager.default
        if let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first(where: fileManager.isExecutableFile) {
            return Account(uid: uid, gid: gid, prefix: [runuser, "-u", "postgres", "--"])
        }
        if let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: fileManager.isExecutableFile) {
            return Account(uid: uid, gid: gid, prefix: [setpriv, "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"])
        }
        throw PostgresServerError.noServerAccount("neither runuser nor setpriv is installed")
    }
}

extension Subprocess {
    /// Standard output and standard error together, for error messages.
    var combinedOutput: String {
        let out = String(decoding: stdout, as: UTF8.self)
        return [out, stderr].filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago: bound with port 0, read back and released.
/// Another process may take it before the server does, so callers retry with a new one.
func freeLoopbackPort() throws -> Int {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw PostgresServerError.noFreePort(String(cString: strerror(errno))) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
        }
    }
    guard bound else { throw PostgresServerError.noFreePort(String(cString: strerror(errno))) }
    return Int(UInt16(bigEndian: address.sin_port))
}
