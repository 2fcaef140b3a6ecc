import Foundation
import Testing
import TestSupport

/// The built `dsledger` running as a child process, its standard error read as it comes, so a
/// test can act (kill it, break its ledger) at a known moment of its work.
final class RunningBinary: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var errors = Data()

    init(_ arguments: [String], environment: [String: String]) throws {
        let binary = try #require(BuiltBinary.url, "the dsledger executable is not built; run `swift build` first")
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.lock.withLock { self?.errors.append(data) }
        }
        try process.run()
    }

    /// Standard error so far.
    var stderr: String { lock.withLock { String(decoding: errors, as: UTF8.self) } }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// Waits until standard error contains `text` (true), or the process ends or `seconds` pass (false).
    func waitFor(_ text: String, seconds: Double = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the end: the exit code, or the signal that ended it (negated).
    func finish() async -> Int32 {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        try? await Task.sleep(for: .milliseconds(100))
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }
}
