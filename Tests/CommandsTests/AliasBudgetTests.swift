import Foundation
import ObjectModel
import Testing
import TestSupport

/// A manifest that names one large value many times (`args: [*b, *b, …]`) is refused by the
/// built binary before it is expanded: exit 2 and one message naming the file, the place and the
/// limit, within a second of work, whether it is read by `render` or by `import git`.
@Suite struct AliasBudgetTests {
    static let refusal = "error: invalid YAML: the document expands to more than 32 MiB of text, the limit (aliases count each time they are used)"

    @Test func anAmplifiedManifestIsRefusedQuicklyByTheBinary() throws {
        let path = TemporaryFolder.make().appendingPathComponent("amplified.yaml").path
        try Nasty.amplified(repeats: 100_000).write(toFile: path, atomically: true, encoding: .utf8)
        let started = ContinuousClock.now
        let result = try BuiltBinary.run(["render", "--no-record", "-f", path])
        let elapsed = ContinuousClock.now - started
        #expect(result.code == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The 31st alias is the first past 32 MiB: line 11, column 14 + 30 × 4.
        #expect(result.stderr == "\(path):11:134: \(Self.refusal)\n")
        // A second on an idle machine is ample (it takes a few milliseconds); the margin is for a loaded one.
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test func aListPastItsLimitIsRefusedWithItsPath() throws {
        let path = TemporaryFolder.make().appendingPathComponent("long.yaml").path
        try Nasty.inContainer("args: [" + Array(repeating: "a", count: 1_001).joined(separator: ", ") + "]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try BuiltBinary.run(["render", "--no-record", "-f", path])
        #expect(result.code == 2)
        #expect(result.stderr.contains(":10:13: error: spec.container.app.args: a list of 1001 items; at most 1000 are allowed"),
                "\(result.stderr)")
        let fits = TemporaryFolder.make().appendingPathComponent("fits.yaml").path
        try Nasty.inContainer("args: [" + Array(repeating: "a", count: 1_000).joined(separator: ", ") + "]")
            .write(toFile: fits, atomically: true, encoding: .utf8)
        let rendered = try BuiltBinary.run(["render", "--no-record", "-f", fits])
        #expect(rendered.code == 0, "\(rendered.stderr)")
    }

    @Test func importGitSkipsAnAmplifiedVersionWithTheSameMessage() async throws {
        var repo = try ScriptedRepository()
        try repo.commit("agent.yaml", Nasty.header, message: "first")
        let bomb = try repo.commit("agent.yaml", Nasty.amplified(repeats: 100_000), message: "amplified")
        try repo.commit("agent.yaml", Nasty.header.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"2.0\""), message: "second")
        let started = ContinuousClock.now
        let result = try BuiltBinary.run(["import", "git", repo.path("agent.yaml")])
        let elapsed = ContinuousClock.now - started
        #expect(result.code == 0, "\(result.stderr)")
        #expect(String(decoding: result.stdout, as: UTF8.self)
                == "imported 2 versions as agents/agent revisions 1–2\n3 commits read, 1 invalid (recorded as skipped)\n")
        #expect(result.stderr == "warning: skipped \(bomb.prefix(7)) (agent.yaml): agent.yaml@\(bomb.prefix(7)):11:134: \(Self.refusal)\n")
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }
}
