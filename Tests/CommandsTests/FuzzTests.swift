import Commands
import Foundation
import Testing
import TestSupport

/// The manifest reader never crashes or hangs: random mutations of the golden manifests (in
/// process) and hand-picked nasties (through the built binary, with a watchdog) either render or
/// exit 2 with one clear message. 1,000 mutations here; `DSLEDGER_LONG_TESTS=1` runs 10,000.
@Suite struct FuzzTests {
    static let mutations = ProcessInfo.processInfo.environment["DSLEDGER_LONG_TESTS"] == "1" ? 10_000 : 1_000

    static var goldenManifests: [Data] {
        LedgerIntegrityTests.goldenCases.compactMap {
            try? Data(contentsOf: LedgerIntegrityTests.goldenRoot.appendingPathComponent("\($0)/manifest.yaml"))
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func mutatedGoldenManifestsRenderOrFailWithOneMessage() async throws {
        let seeds = Self.goldenManifests
        try #require(seeds.count > 10)
        var generator = SplitMix(seed: 0xF022)
        var rejected = 0
        for index in 0..<Self.mutations {
            var input = seeds[index % seeds.count]
            for _ in 0...Int.random(in: 0...3, using: &generator) { input = Mutation.apply(to: input, using: &generator) }
            let result = await Self.render(input)
            if result.code == 2 { rejected += 1 }
            Self.expectRenderedOrRejected(result, input: input)
        }
        #expect(rejected > Self.mutations / 4, "the mutations reach the validator (\(rejected) rejected)")
    }

    @Test(arguments: Nasty.all)
    func aNastyInputIsRejectedWithOneMessageWithoutCrashOrHang(nasty: Nasty) throws {
        let folder = TemporaryFolder.make()
        let path = folder.appendingPathComponent("\(nasty.name).yaml").path
        try nasty.bytes.write(to: URL(fileURLWithPath: path))
        let result = try Watchdog.run(["render", "--no-record", "-f", path], seconds: 60)
        #expect(!result.timedOut, "\(nasty.name): still running after 60 s")
        #expect(result.signal == nil, "\(nasty.name): killed by signal \(result.signal ?? 0): \(result.stderr.prefix(500))")
        let piped = try Watchdog.run(["render", "--no-record", "-f", "-"], stdin: nasty.bytes, seconds: 60)
        #expect(!piped.timedOut && piped.signal == nil, "\(nasty.name) on stdin: \(piped.stderr.prefix(500))")
        withKnownIssue(Comment(rawValue: nasty.knownIssue ?? "")) {
            #expect(result.code == 2, "\(nasty.name): exit \(result.code): \(result.stderr.prefix(500))")
            #expect(result.stdout.isEmpty, "\(nasty.name): nothing rendered")
            Self.expectOneMessage(result.stderr, name: nasty.name)
            // Reading standard input the same way gives the same verdict.
            #expect(piped.code == 2, "\(nasty.name) on stdin: \(piped.stderr.prefix(500))")
        } when: {
            nasty.knownIssue != nil
        }
    }

    /// Runs `dsledger render --no-record -f -` in process on `input`.
    static func render(_ input: Data) async -> CLIHarness.Result {
        let out = CLIHarness.Capture(), err = CLIHarness.Capture()
        let context = CommandContext(
            writeOutput: { out.append($0) }, writeError: { err.append($0) },
            readFile: { try Data(contentsOf: URL(fileURLWithPath: $0)) },
            readStandardInput: { input }, environment: ["DSLEDGER_AUTHOR": "fuzz", "HOME": "/nonexistent"], gitUser: { _ in nil })
        let code = await RootCommand.run(arguments: ["render", "--no-record", "-f", "-"], context: context)
        return CLIHarness.Result(code: code, stdout: out.value, stderr: err.value)
    }

    static func expectRenderedOrRejected(_ result: CLIHarness.Result, input: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        let shown = String(decoding: input.prefix(2000), as: UTF8.self)
        switch result.code {
        case 0:
            #expect(result.stdout.hasPrefix("---\n") && !result.stderr.contains("error:"), "rendered: \(result.stderr)\n\(shown)",
                    sourceLocation: sourceLocation)
        case 2:
            #expect(result.stdout.isEmpty, "rejected but printed objects:\n\(shown)", sourceLocation: sourceLocation)
            expectOneMessage(result.stderr, name: shown, sourceLocation: sourceLocation)
        default:
            Issue.record("exit \(result.code): \(result.stderr)\n\(shown)", sourceLocation: sourceLocation)
        }
    }

    /// Every line of standard error is an error or warning with its place, or a note, never a trace.
    static func expectOneMessage(_ stderr: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(stderr.contains("error: "), "no error message for \(name)", sourceLocation: sourceLocation)
        let longest = stderr.split(separator: "\n").map(\.utf8.count).max() ?? 0
        #expect(longest < 2_000, "\(name): a \(longest)-byte error line; long values must be shortened", sourceLocation: sourceLocation)
        for marker in ["Fatal error", "Stack dump", "Swift runtime failure", "0x0000"] {
            #expect(!stderr.contains(marker), "\(name): \(stderr.prefix(500))", sourceLocation: sourceLocation)
        }
    }
}

/// Random edits of a YAML text: bytes, YAML punctuation, and whole lines.
enum Mutation {
    static let tokens = [": ", "- ", "{", "}", "[", "]", ",", "\"", "'", "&a ", "*a", "<<: *a", "!!binary ", "!!int ", "? ", "|", ">",
                         "#", "%YAML 1.1\n", "---\n", "...\n", "\t", "\0", "\u{FEFF}", "~", "null", "-1", "1e400", "0x7FFFFFFFFFFFFFFFF",
                         "true", "yes", ".inf", "\u{85}", "\r", "\\", "é", "🚀"]

    static func apply(to input: Data, using generator: inout SplitMix) -> Data {
        var bytes = [UInt8](input)
        guard !bytes.isEmpty else { return Data(tokens.randomElement(using: &generator)!.utf8) }
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
        case 1: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: at)
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &generator)))
        case 3: bytes.insert(contentsOf: Array(tokens.randomElement(using: &generator)!.utf8), at: at)
        case 4:
            let end = min(bytes.count, at + Int.random(in: 1...200, using: &generator))
            bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &generator))
        default:
            var lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { [UInt8]($0) }
            let line = Int.random(in: 0..<lines.count, using: &generator)
            let other = Int.random(in: 0..<lines.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: lines.swapAt(line, other)
            case 1: lines.insert(lines[line], at: other)
            case 2: lines.remove(at: line)
            default: lines[line] = Array(repeating: UInt8(ascii: " "), count: Int.random(in: 0...6, using: &generator))
                + lines[line].drop { $0 == UInt8(ascii: " ") }
            }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
        return Data(bytes)
    }
}

/// The built binary run with a deadline, killed when it passes it.
enum Watchdog {
    struct Result {
        var code: Int32
        var signal: Int32?
        var timedOut: Bool
        var stdout: Data
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: Data = Data(), seconds: Double) throws -> Result {
        let binary = try #require(BuiltBinary.url, "the dsledger executable is not built; run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DSLEDGER_DB"] = TemporaryFolder.make().appendingPathComponent("ledger.db").path
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        signal(SIGPIPE, SIG_IGN)  // a child that stops reading early must not kill the test runner
        try process.run()
        let expired = Flag()
        let timer = DispatchWorkItem {
            expired.set()
            kill(process.processIdentifier, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
        let collected = (out: PipeReader(output.fileHandleForReading), err: PipeReader(errors.fileHandleForReading))
        try? input.fileHandleForWriting.write(contentsOf: stdin)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        timer.cancel()
        let signalled = process.terminationReason == .uncaughtSignal
        return Result(code: signalled ? -1 : process.terminationStatus, signal: signalled && !expired.isSet ? process.terminationStatus : nil,
                      timedOut: expired.isSet, stdout: collected.out.wait(), stderr: String(decoding: collected.err.wait(), as: UTF8.self))
    }
}

/// A flag set once, from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

