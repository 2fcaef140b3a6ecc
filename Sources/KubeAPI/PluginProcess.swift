#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exec credential plugin's process, started with `posix_spawn`: standard output to a pipe
/// this process reads, standard error shared, standard input shared or `/dev/null`.
///
/// Not Foundation's `Process`: on Linux it learns of the exit only when every process holding
/// a descriptor it passes down has gone, so a plugin that left a child running (`sleep` in a
/// shell script) would be waited for until that child ends, past any timeout.
struct PluginProcess {
    let pid: pid_t
    /// The read end of the plugin's standard output; the caller closes it.
    let output: Int32

    /// Starts the plugin.
    /// - Throws: `POSIXError` when the pipe or the process cannot be made.
    init(executable: String, invocation: ExecPluginInvocation) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // Close-on-exec at once: a child another thread starts must not keep either end open
        // (the plugin's standard output is a dup2 copy, which is not close-on-exec).
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !invocation.passesStandardInput { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addclose(&actions, ends[1])
        // Nothing else of this process's (the ledger's file, sockets) is the plugin's. A
        // descriptor closed meanwhile is no error: glibc ignores closing one not open.
        for open in Self.openDescriptors() where open > 2 && open != ends[1] {
            posix_spawn_file_actions_addclose(&actions, open)
        }
        let argv = ([executable] + invocation.arguments).map { strdup($0) } + [nil]
        let envp = invocation.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(ends[1])
        guard code == 0 else {
            close(ends[0])
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        self.pid = pid
        output = ends[0]
    }

    /// This process's open descriptors, from `/proc/self/fd` (none when it is not mounted).
    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    /// The exit code (128 + the signal for a plugin killed by one), once it exits.
    /// - Throws: ``ExecPluginStopped/timedOut(_:)`` when it is still running at `deadline`.
    func waitForExit(until deadline: ContinuousClock.Instant, timeout: Duration) throws -> Int32 {
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
            if reaped < 0, errno != EINTR { return -1 }
            guard ContinuousClock.now < deadline else { throw ExecPluginStopped.timedOut(timeout) }
            usleep(5_000)
        }
    }

    /// Kills the plugin (SIGKILL: a plugin that hangs may ignore SIGTERM) and reaps it.
    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }
}

/// Reads a plugin's standard output to its end, within the limits: never past the deadline,
/// never more than the output limit.
struct PluginOutputReader {
    let descriptor: Int32
    let limits: ExecPluginLimits
    let deadline: ContinuousClock.Instant

    /// The bytes until end of file.
    /// - Throws: ``ExecPluginStopped`` when the deadline passes or the output goes past its limit.
    func readToEnd() throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let wait = Self.milliseconds(until: deadline)
            guard wait > 0 else { throw ExecPluginStopped.timedOut(limits.timeout) }
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, Int32(clamping: wait))
            if polled < 0, errno == EINTR { continue }
            guard polled > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { return data }
            guard data.count + count <= limits.outputLimit else { throw ExecPluginStopped.outputTooLarge(limits.outputLimit) }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// Whole milliseconds from now to `deadline` (rounded up), 0 once it has passed.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return 0 }
        return Int(left.components.seconds) * 1000 + Int(left.components.attoseconds / 1_000_000_000_000_000) + 1
    }
}
