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
    public static func run(_ executable: String, _ arguments: [String], stdin: String = "",
                           environment: [String: String]? = nil, in folder: URL? = nil) throws -> Subprocess {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = folder }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full stderr cannot block the child.
        let errorData = PipeReader(errors.fileHandleForReading)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Subprocess(status: process.terminationStatus, stdout: out, stderr: String(decoding: errorData.wait(), as: UTF8.self))
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
