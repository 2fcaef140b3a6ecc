import Foundation

/// Runs the git command-line tool: the one way dsledger reads a repository (no git library).
enum GitProcess {
    /// Runs `git -C folder arguments…`, feeding `input` to its standard input while reading its
    /// output (so neither side blocks on a full pipe), and returns standard output.
    ///
    /// - Throws: ``GitError`` with git's own message when git is missing or fails.
    static func run(_ arguments: [String], in folder: String, input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // --literal-pathspecs: a file name is a name, never a pathspec (`*`, `[x]`, `:(glob)` are
        // not patterns), so a repository's odd file names cannot widen what is read.
        process.arguments = ["git", "-C", folder, "--literal-pathspecs", "-c", "core.quotepath=off", "-c", "log.showSignature=false"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        if input == nil {
            process.standardInput = FileHandle.nullDevice
        } else {
            process.standardInput = feed
        }
        do {
            try process.run()
        } catch {
            throw GitError.cannotRun(error.localizedDescription)
        }
        if let input { Self.write(input, to: feed.fileHandleForWriting) }
        let stderr = Self.collect(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderr.wait(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let command = arguments.first ?? ""
            throw GitError.failed(command, message: message.isEmpty ? "exit \(process.terminationStatus)" : message)
        }
        return data
    }

    /// Writes `data` on a thread of its own, then closes the pipe.
    private static func write(_ data: Data, to handle: FileHandle) {
        Thread.detachNewThread {
            try? handle.write(contentsOf: data)
            try? handle.close()
        }
    }

    /// Reads a pipe to its end on a thread of its own.
    private static func collect(_ handle: FileHandle) -> PipeCollector {
        let collector = PipeCollector()
        Thread.detachNewThread { collector.finish(handle.readDataToEndOfFile()) }
        return collector
    }
}

/// What a background thread read from a pipe, once it has finished.
final class PipeCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func finish(_ value: Data) {
        data = value
        done.signal()
    }

    /// Blocks until the pipe is read to its end.
    func wait() -> Data {
        done.wait()
        return data
    }
}
