import EmulatorTestSupport
import Foundation
import Testing
import TestSupport

/// Processes writing one ledger at once, and applying processes killed at random moments: no
/// lost revision, no "database is locked", no apply recorded as succeeded that did not finish.
/// Sized for CI; `DSLEDGER_LONG_TESTS=1` runs the full sizes (8 × 200 writers, 500 kills).
@Suite struct ReliabilityTests {
    static let long = ProcessInfo.processInfo.environment["DSLEDGER_LONG_TESTS"] == "1"
    /// Revisions each of the eight writer processes records, one `dsledger render` each.
    static let recordsPerWriter = long ? 200 : 25
    static let applyTrials = long ? 500 : 20

    @Test func eightWriterProcessesRecordEveryRevisionWithGaplessNumbers() throws {
        let database = TemporaryFolder.make().appendingPathComponent("ledger.db").path
        let environment = ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "writer"]
        let failures = Failures()
        onThreads(8) { writer in
            for index in 0..<Self.recordsPerWriter {
                let manifest = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"\(writer).\(index)\"")
                do {
                    let result = try BuiltBinary.run(["render", "-f", "-"], stdin: manifest, environment: environment)
                    if result.code != 0 || result.stderr.contains("locked") { failures.append("writer \(writer) #\(index): \(result.stderr)") }
                } catch {
                    failures.append("writer \(writer) #\(index): \(error)")
                }
            }
        }
        #expect(failures.values == [])
        let total = 8 * Self.recordsPerWriter
        let history = try BuiltBinary.run(["history", "agent", "-o", "json", "--limit", "\(total + 10)"], environment: environment)
        let entries = try #require(try JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        #expect(entries.compactMap { $0["revision"] as? Int }.sorted() == Array(1...total))
        let images = Set(entries.flatMap { ($0["images"] as? [String]) ?? [] })
        let expected = Set((0..<8).flatMap { writer in (0..<Self.recordsPerWriter).map { "example.com/agent:\(writer).\($0)" } })
        #expect(images == expected, "every writer's every revision is there")
        #expect(try BuiltBinary.run(["verify"], environment: environment).code == 0)
    }

    @Test func killedAppliersNeverRecordAnUnfinishedApplyAsSucceeded() async throws {
        let binary = try #require(BuiltBinary.url, "the dsledger executable is not built; run `swift build` first")
        try await withAPIServer { running in
            let folder = TemporaryFolder.make()
            let database = folder.appendingPathComponent("ledger.db").path
            let environment = ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "applier", "KUBECONFIG": running.kubeconfigPath,
                               "HOME": running.folder, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            // One apply left alone sets the range of kill moments: from launch to just past its end.
            let warmUp = folder.appendingPathComponent("agent-warm-up.yaml").path
            try AgentManifest.yaml(tag: "0.0").write(toFile: warmUp, atomically: true, encoding: .utf8)
            let start = ContinuousClock.now
            let first = try BuiltBinary.run(["apply", "-f", warmUp], environment: environment)
            #expect(first.code == 0, "\(first.stderr)")
            let span = (ContinuousClock.now - start).components
            let longest = Int(span.seconds * 1100 + span.attoseconds / 900_000_000_000_000)
            var generator = SplitMix(seed: 0x9A55)
            var seenEvents = try Self.applyEvents(database, after: 0).last?.id ?? 0
            for trial in 0..<Self.applyTrials {
                let path = folder.appendingPathComponent("agent-\(trial).yaml").path
                try AgentManifest.yaml(tag: "1.\(trial)").write(toFile: path, atomically: true, encoding: .utf8)
                // Some applies fail on their own: a 401 the client does not retry.
                if trial % 5 == 4, running.server.pendingFaults == 0 { running.server.injectFaults([.unauthorized]) }
                let process = Process()
                process.executableURL = binary
                process.arguments = ["apply", "-f", path]
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...longest, using: &generator)))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let exitedCleanly = process.terminationReason == .exit && process.terminationStatus == 0
                let events = try Self.applyEvents(database, after: seenEvents)
                seenEvents = events.last?.id ?? seenEvents
                let succeeded = events.filter { $0.outcome == "succeeded" }
                #expect(succeeded.count <= 1, "trial \(trial): one apply, at most one success")
                if exitedCleanly { #expect(succeeded.count == 1, "trial \(trial): a finished apply is recorded as succeeded") }
                if process.terminationReason == .exit, process.terminationStatus != 0 {
                    #expect(succeeded.isEmpty, "trial \(trial): exit \(process.terminationStatus) but recorded as succeeded")
                }
                for event in succeeded {
                    // The DaemonSet is applied last: a success means the cluster holds this very revision.
                    #expect(running.agentAnnotation("dsledger.io/revision") == String(event.revision), "trial \(trial)")
                    #expect(running.agentImage == "registry.example.com/agent:1.\(trial)", "trial \(trial)")
                }
            }
            while running.server.pendingFaults > 0 { _ = try running.curl(running.url + "/version") }
            try Self.checkLedgerIsWhole(environment: environment, database: database)
            let final = try BuiltBinary.run(["apply", "-f", folder.appendingPathComponent("agent-0.yaml").path], environment: environment)
            #expect(final.code == 0, "the ledger and cluster stay usable: \(final.stderr)")
        }
    }

    /// `verify` passes, revision numbers have no gaps, and every revision regenerates.
    static func checkLedgerIsWhole(environment: [String: String], database: String) throws {
        let verify = try BuiltBinary.run(["verify"], environment: environment)
        #expect(verify.code == 0, "\(String(decoding: verify.stdout, as: UTF8.self)) \(verify.stderr)")
        let history = try BuiltBinary.run(["history", "agent", "-o", "json", "--limit", "10000"], environment: environment)
        guard history.code == 0 else { return }  // every trial was killed before recording: nothing to check
        let entries = try #require(try JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        let numbers = entries.compactMap { $0["revision"] as? Int }.sorted()
        #expect(numbers == Array(1...numbers.count))
        for number in numbers {
            let regenerated = try BuiltBinary.run(["regenerate", "agent", "\(number)", "-n", "ops"], environment: environment)
            #expect(regenerated.code == 0 && regenerated.stdout.count > 0, "revision \(number): \(regenerated.stderr)")
        }
    }

    struct ApplyEvent {
        var id: Int
        var revision: Int
        var outcome: String
    }

    /// The apply events recorded after event `id`, oldest first, read with the sqlite3 shell.
    static func applyEvents(_ database: String, after id: Int) throws -> [ApplyEvent] {
        guard FileManager.default.fileExists(atPath: database) else { return [] }
        let sql = "SELECT id, revisionNumber, outcome FROM event WHERE kind = 'apply' AND id > \(id) ORDER BY id"
        let result = try Subprocess.run("sqlite3", ["-separator", "|", database, sql])
        #expect(result.status == 0, "\(result.stderr)")
        return String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let id = Int(fields[0]), let revision = Int(fields[1]) else { return nil }
            return ApplyEvent(id: id, revision: revision, outcome: fields[2])
        }
    }
}

/// Runs `body` on `count` threads of their own (not the CPU-bound pool) and waits for them all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread.detachNewThread {
            body(index)
            group.leave()
        }
    }
    group.wait()
}

/// Messages collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.withLock { items.append(item) } }
    var values: [String] { lock.withLock { items } }
}
