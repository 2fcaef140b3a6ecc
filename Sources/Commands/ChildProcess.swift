import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A short-lived program run to its end with `posix_spawnp` and `waitpid`, for lookups made on
/// the way to a command's real work (the git identity of a recording `render`).
///
/// Foundation's `Process` goes through `/usr/bin/env`, starts a thread to watch the child, and
/// notices its exit only at that thread's next poll: several milliseconds for each run, which
/// a command started many times a day should not pay.
enum ChildProcess {
    /// The most standard output kept: a lookup answers in a line.
    static let outputLimit = 64 * 1024

    /// Standard output of `arguments` (the program found on `PATH`), with standard input and
    /// error on `/dev/null`; `nil` when it cannot start, exits
    /// other than with 0, or says more than ``outputLimit`` bytes.
    static func output(_ arguments: [String]) -> Data? {
        guard let program = arguments.first else { return nil }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        // Close-on-exec: no other child keeps an end open (the child's standard output is a
        // dup2 copy, which is not close-on-exec). SQLite and Foundation open files so too.
        for end in fds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        close(writeEnd)
        guard started == 0 else {
            close(readEnd)
            return nil
        }
        let data = readAll(readEnd)
        close(readEnd)
        if data == nil { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0, let data else { return nil }
        return data
    }

    /// Everything `fd` gives until its end; `nil` past ``outputLimit``.
    private static func readAll(_ fd: Int32) -> Data? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                data.append(buffer, count: count)
                if data.count > outputLimit { return nil }
            } else if count == 0 || errno != EINTR {
                return count == 0 ? data : nil
            }
        }
    }
}
