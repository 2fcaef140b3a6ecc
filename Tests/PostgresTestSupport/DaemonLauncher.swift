import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command that leaves a daemon behind (`pg_ctl start`), without handing the daemon any
/// of this process's file descriptors.
///
/// `Foundation.Process` cannot be used for it on Linux: it learns that a child exited when a
/// socket it passes to the child closes, and the daemon inherits that socket, so `waitUntilExit()`
/// would wait for the server to stop
/// ([swift-corelibs-foundation#4795](https://github.com/swiftlang/swift-corelibs-foundation/issues/4795)).
/// Here the child gets `/dev/null` as standard input, `outputPath` as standard output and error,
/// and nothing else; the caller waits for it with `waitpid`.
enum DaemonLauncher {
    /// Runs `command` (an absolute path first) in `folder` and waits for it to exit.
    /// - Returns: its exit status (128 + the signal number when a signal ended it).
    static func run(_ command: [String], environment: [String: String], in folder: URL, outputPath: String) throws -> Int32 {
        // posix_spawn cannot change directory portably, so a shell does it and then execs the command.
        let argv = ["/bin/sh", "-c", "cd -- \"$1\" && shift && exec \"$@\"", "sh", folder.path] + command
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        #if canImport(Darwin)
        var attributes: posix_spawnattr_t? = nil
        posix_spawnattr_init(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
        #else
        // glibc ignores close actions for descriptors that were closed meanwhile.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        #endif
        defer { posix_spawnattr_destroy(&attributes) }
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, arguments, variables)
        guard spawned == 0 else {
            throw PostgresServerError.commandFailed(command: command.joined(separator: " "), status: -1,
                                                    output: "could not spawn: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// The descriptors open in this process now, read from `/dev/fd`; one opened by another
    /// thread meanwhile may slip through, as with `Foundation.Process`.
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/fd")) ?? []
        let listed = names.compactMap { Int32($0) }
        return listed.isEmpty ? Array(3..<1024) : listed
    }
}
