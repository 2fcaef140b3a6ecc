import Foundation
import Testing
import TestSupport

/// `kill -9` of a recording process at random moments never leaves a partial revision, a gap
/// in the numbering or a damaged ledger. 20 trials here; `DSLEDGER_LONG_TESTS=1` runs 500.
@Suite struct CrashTests {
    static let trials = ProcessInfo.processInfo.environment["DSLEDGER_LONG_TESTS"] == "1" ? 500 : 20

    @Test func killedRecordersLeaveWholeRevisionsOnly() throws {
        let binary = try #require(BuiltBinary.url, "the dsledger executable is not built; run `swift build` first")
        let database = TemporaryFolder.make().appendingPathComponent("ledger.db").path
        var environment = ProcessInfo.processInfo.environment
        environment["DSLEDGER_DB"] = database
        environment["DSLEDGER_AUTHOR"] = "crash-test"
        var generator = SplitMix(seed: 9)
        var completed = 0
        for trial in 0..<Self.trials {
            let manifest = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"1.\(trial)\"")
            let process = Process()
            process.executableURL = binary
            process.arguments = ["render", "-f", "-"]
            process.environment = environment
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data(manifest.utf8))
            try input.fileHandleForWriting.close()
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit, process.terminationStatus == 0 { completed += 1 }
        }
        // The ledger stays usable: a render that is not killed records (or finds) its revision.
        let last = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"9.9\"")
        let final = try BuiltBinary.run(["render", "-f", "-"], stdin: last,
                                        environment: ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "crash-test"])
        #expect(final.code == 0, "\(final.stderr)")
        let verify = try BuiltBinary.run(["verify"], environment: ["DSLEDGER_DB": database])
        #expect(verify.code == 0, "\(String(decoding: verify.stdout, as: UTF8.self)) \(verify.stderr)")
        let history = try BuiltBinary.run(["history", "agent", "-o", "json", "--limit", "1000"], environment: ["DSLEDGER_DB": database])
        #expect(history.code == 0, "\(history.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        let numbers = entries.compactMap { $0["revision"] as? Int }.sorted()
        #expect(numbers == Array(1...max(1, numbers.count)).prefix(numbers.count).map { $0 })
        #expect(numbers.count >= completed + 1, "every process that finished recorded its revision")
    }
}
