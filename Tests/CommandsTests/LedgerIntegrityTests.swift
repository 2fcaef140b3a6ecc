import Foundation
import Testing
import TestSupport

/// The ledger's promises end to end: exact regeneration, no plaintext secret anywhere,
/// tamper evidence, and concurrent writers.
@Suite struct LedgerIntegrityTests {
    static let goldenRoot = CLIHarness.root.appendingPathComponent("Tests/RenderingTests/Fixtures/render")

    static var goldenCases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: goldenRoot.path)) ?? []).sorted()
    }

    @Test(arguments: goldenCases)
    func regenerationReproducesTheRenderedBytes(name: String) async throws {
        let folder = Self.goldenRoot.appendingPathComponent(name)
        let manifest = folder.appendingPathComponent("manifest.yaml").path
        let config = folder.appendingPathComponent("docker-config.json").path
        let hasConfig = FileManager.default.fileExists(atPath: config)
        let harness = CLIHarness()
        let rendered = await harness.run(["render", "-f", manifest] + (hasConfig ? ["--docker-config", config] : []))
        #expect(rendered.code == 0)
        let releases = rendered.stderr.split(separator: "\n").compactMap { line -> (String, String)? in
            guard line.hasPrefix("recorded ") else { return nil }
            let release = line.dropFirst("recorded ".count).split(separator: " ")[0].split(separator: "/")
            return (String(release[0]), String(release[1]))
        }
        #expect(!releases.isEmpty)
        var regenerated = ""
        for (namespace, release) in releases {
            let result = await harness.run(["regenerate", release, "1", "-n", namespace, "--secrets-from", manifest]
                                           + (hasConfig ? ["--docker-config", config] : []))
            #expect(result.code == 0 && result.stderr.isEmpty, "\(result.stderr)")
            regenerated += result.stdout
        }
        #expect(regenerated == rendered.stdout)
    }

    @Test func noPlaintextSecretInTheLedgerOrAnyOutput() async throws {
        let secret = "s3cr3t-t0ken"
        let encoded = Data(secret.utf8).base64EncodedString()
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        let rendered = await harness.run(["render", "-f", "-", "-m", "with a secret"])
        #expect(rendered.code == 0 && !rendered.stderr.contains(secret))
        var outputs: [String] = [rendered.stderr]
        for arguments in [["history", "agent"], ["history", "agent", "-o", "json"], ["show", "agent", "1"], ["show", "agent", "1", "--spec"],
                          ["show", "agent", "1", "-o", "json"], ["regenerate", "agent", "1"], ["verify"]] {
            let result = await harness.run(arguments)
            #expect(result.code == 0, "\(arguments): \(result.stderr)")
            outputs += [result.stdout, result.stderr]
        }
        outputs.append((await harness.run(["lint", "-f", "-"])).stdout)
        for output in outputs {
            #expect(!output.contains(secret) && !output.contains(encoded))
        }
        let folder = URL(fileURLWithPath: harness.database).deletingLastPathComponent()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file)")
            #expect(bytes.range(of: Data(encoded.utf8)) == nil, "\(file)")
        }
    }

    @Test func verifyNamesARevisionChangedBehindItsBack() async throws {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        _ = await harness.run(["render", "-f", "-"])
        for tag in ["2.0", "3.0"] {
            let changed = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"\(tag)\"")
            _ = await CLIHarness(stdin: changed, environment: harness.environment).run(["render", "-f", "-"])
        }
        #expect(await harness.run(["verify"]).stdout == "agents/agent: intact (6 links: 3 revisions, 3 events)\n\(harness.database): intact\n")
        let sql = "DROP TRIGGER revision_is_append_only_update; UPDATE revision SET author = 'mallory' WHERE number = 2;"
        #expect(try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", harness.database, sql]).status == 0)
        let result = await harness.run(["verify"])
        #expect(result.code == 1)
        #expect(result.stdout == """
            agents/agent: damaged: revision 2 (link 3): link digest mismatch: its fields, or the link before it, were changed
            \(harness.database): damaged

            """)
    }

    @Test func concurrentProcessesGetUniqueGaplessNumbers() throws {
        let database = TemporaryFolder.make().appendingPathComponent("ledger.db").path
        let environment = ["DSLEDGER_DB": database, "DSLEDGER_AUTHOR": "writer"]
        let count = 6
        let results = UnsafeResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let manifest = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"1.\(index + 1)\"")
            results.set(index, (try? BuiltBinary.run(["render", "-f", "-"], stdin: manifest, environment: environment)))
        }
        for result in results.all {
            #expect(result?.code == 0, "\(result?.stderr ?? "did not run")")
            #expect(result?.stderr.contains("locked") == false)
        }
        let history = try BuiltBinary.run(["history", "agent", "-o", "json", "--limit", "100"], environment: environment)
        let entries = try #require(try JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        #expect(entries.compactMap { $0["revision"] as? Int }.sorted() == Array(1...count))
        #expect(try BuiltBinary.run(["verify"], environment: environment).code == 0)
    }
}

/// Results written by concurrent iterations, one slot each.
final class UnsafeResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [BuiltBinary.Result?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: BuiltBinary.Result?) { lock.withLock { slots[index] = value } }
    var all: [BuiltBinary.Result?] { lock.withLock { slots } }
}
