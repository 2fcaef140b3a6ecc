import Foundation

/// Helpers the test targets share; nothing in production imports this module.

/// A deterministic random number generator (SplitMix64) for seeded property tests.
public struct SplitMix: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Unique temporary folders under the system's temporary directory.
public enum TemporaryFolder {
    /// A new, empty folder.
    public static func make() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dsledger-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A child process run to completion with its output captured.
public struct Subprocess: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String

    /// Runs `executable` (an absolute path, or a name looked up on PATH through /usr/bin/env).
    ///
    /// Started with `posix_spawn`, not Foundation's `Process`: on Linux `Process.run()` reads
    /// `/proc/self/fd` and over-reads its directory buffer once the test process has some 1,300
    /// descriptors open (many emulators and event loops at once), crashing the whole run.
    public static func run(_ executable: String, _ arguments: [String], stdin: String = "",
                           environment: [String: String]? = nil, in folder: URL? = nil) throws -> Subprocess {
        var argv = executable.hasPrefix("/") ? [executable] + arguments : ["/usr/bin/env", executable] + arguments
        // posix_spawn has no portable way to change folder: a shell does it, then execs the command.
        if let folder { argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder.path] + argv }
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else { throw POSIXError(.EMFILE) }
        for fd in input + output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        // Nothing else of the test process reaches the child: a file another test is writing,
        // held open by a child, could not be run ("Text file busy").
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = variables.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        for fd in [input[0], output[1], errors[1]] { close(fd) }
        guard spawned == 0 else {
            for fd in [input[1], output[0], errors[0]] { close(fd) }
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        let feed = FileHandle(fileDescriptor: input[1], closeOnDealloc: true)
        let bytes = Data(stdin.utf8)
        Thread.detachNewThread {
            try? feed.write(contentsOf: bytes)
            try? feed.close()
        }
        // Read both pipes concurrently so a full stderr cannot block the child.
        let errorData = PipeReader(FileHandle(fileDescriptor: errors[0], closeOnDealloc: true))
        let out = FileHandle(fileDescriptor: output[0], closeOnDealloc: true).readDataToEndOfFile()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // As Foundation reported it: the exit code, or the number of the signal that ended it.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
        return Subprocess(status: code, stdout: out, stderr: String(decoding: errorData.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own, so a child's two pipes cannot deadlock it.
public final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    public init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe carried, once the writer closed it.
    public func wait() -> Data {
        done.wait()
        return data
    }
}

/// Runs blocking `work` on a new thread, so waiting for child processes never holds one of the
/// few threads of Swift's concurrency pool (two on a two-core machine), which the code under
/// test may need meanwhile.
public func offThePool<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
