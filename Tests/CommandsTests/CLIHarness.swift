import Commands
import Foundation
import Testing
import TestSupport

/// Runs dsledger in-process with captured output, files from a dictionary and a given stdin.
struct CLIHarness {
    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ more: String) { lock.withLock { text += more } }
        var value: String { lock.withLock { text } }
    }

    /// Files the command may read, by path; any other path reads from disk.
    var files: [String: String] = [:]
    var stdin = ""
    /// A ledger of its own in a new temporary folder, so no test touches the user's.
    var environment: [String: String] = [
        "DSLEDGER_AUTHOR": "test <test@example.com>",
        "DSLEDGER_DB": TemporaryFolder.make().appendingPathComponent("ledger.db").path,
    ]

    /// The clock the command records with.
    var now: @Sendable () -> Date = { Date() }

    /// The ledger path this harness uses.
    var database: String { environment["DSLEDGER_DB"] ?? "" }

    func run(_ arguments: [String]) async -> Result {
        let out = Capture(), err = Capture()
        let files = self.files, stdin = self.stdin, environment = self.environment, now = self.now
        let context = CommandContext(
            writeOutput: { out.append($0) }, writeError: { err.append($0) },
            readFile: { path in
                if let text = files[path] { return Data(text.utf8) }
                return try Data(contentsOf: URL(fileURLWithPath: path))
            },
            readStandardInput: { Data(stdin.utf8) }, environment: environment, now: now, gitUser: { _ in nil })
        let code = await RootCommand.run(arguments: arguments, context: context)
        return Result(code: code, stdout: out.value, stderr: err.value)
    }

    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ name: String) -> String {
        root.appendingPathComponent("examples/\(name).yaml").path
    }
}

/// Runs the built `dsledger` executable as a child process.
enum BuiltBinary {
    struct Result {
        var code: Int32
        var stdout: Data
        var stderr: String
    }

    /// `dsledger` beside the test bundle, where `swift build` and `swift test` put it.
    static var url: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("dsledger")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let fallback = CLIHarness.root.appendingPathComponent(".build/debug/dsledger")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Result {
        let binary = try #require(url, "the dsledger executable is not built; run `swift build` first")
        var variables = ProcessInfo.processInfo.environment
        variables["DSLEDGER_DB"] = TemporaryFolder.make().appendingPathComponent("ledger.db").path
        let result = try Subprocess.run(binary.path, arguments, stdin: stdin,
                                        environment: variables.merging(environment) { _, new in new }, in: CLIHarness.root)
        return Result(code: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
