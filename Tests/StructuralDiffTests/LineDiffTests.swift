import Foundation
import StructuralDiff
import Testing

@Suite(.tags(.small)) struct LineDiffTests {
    typealias Line = LineDiff.Line

    @Test(arguments: [
        ([], [], []),
        ([], ["a"], [.added("a")]),
        (["a"], [], [.removed("a")]),
        (["a", "b"], ["a", "b"], [.same("a"), .same("b")]),
        (["a"], ["b"], [.removed("a"), .added("b")]),
        (["a", "b", "c"], ["a", "c"], [.same("a"), .removed("b"), .same("c")]),
        (["a", "c"], ["a", "b", "c"], [.same("a"), .added("b"), .same("c")]),
        (["a", "b", "c", "d"], ["b", "c", "d", "e"], [.removed("a"), .same("b"), .same("c"), .same("d"), .added("e")]),
        (["x", "a", "b"], ["a", "b", "x"], [.removed("x"), .same("a"), .same("b"), .added("x")]),
    ] as [([String], [String], [Line])])
    func smallScripts(_ old: [String], _ new: [String], _ expected: [Line]) {
        #expect(LineDiff.lines(from: old, to: new) == expected)
    }

    /// Myers' example: ABCABBA → CBABAC takes five edits.
    @Test func myersExample() {
        let script = LineDiff.lines(from: "ABCABBA".map(String.init), to: "CBABAC".map(String.init))
        #expect(Self.edits(script) == 5)
        #expect(Self.sides(script) == ("ABCABBA".map(String.init), "CBABAC".map(String.init)))
    }

    /// For random small inputs the script rebuilds both sides and is as short as possible:
    /// its edits are `n + m - 2 × LCS`.
    @Test func randomScriptsAreMinimal() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<400 {
            let old = (0..<Int.random(in: 0...9, using: &random)).map { _ in ["a", "b", "c"].randomElement(using: &random)! }
            let new = (0..<Int.random(in: 0...9, using: &random)).map { _ in ["a", "b", "c"].randomElement(using: &random)! }
            let script = LineDiff.lines(from: old, to: new)
            let sides = Self.sides(script)
            #expect(sides.0 == old && sides.1 == new, "\(old) → \(new)")
            #expect(Self.edits(script) == old.count + new.count - 2 * Self.lcs(old, new), "\(old) → \(new)")
        }
    }

    @Test func unifiedHunks() {
        let old = (1...12).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 2\n", with: "line two\n").replacingOccurrences(of: "line 11\n", with: "")
        #expect(LineDiff.unified(old, new, oldName: "a/objects.yaml", newName: "b/objects.yaml") == """
            --- a/objects.yaml
            +++ b/objects.yaml
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -8,5 +8,4 @@
             line 8
             line 9
             line 10
            -line 11
             line 12

            """)
        #expect(LineDiff.unified(old, old, oldName: "a", newName: "b") == "")
        #expect(LineDiff.unified("", "x\n", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n")
        #expect(LineDiff.unified("x\ny\n", "", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n")
    }

    /// Hunk ranges, context and merging match GNU `diff -u` for random files.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/diff")))
    func unifiedMatchesGNUDiff() throws {
        var random = SeededGenerator(seed: 7)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linediff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for round in 0..<60 {
            // Mostly distinct lines (so the shortest script is unambiguous), a few edits apart.
            let old = (0..<Int.random(in: 0...30, using: &random)).map { "line \($0)" }
            var new = old
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0...new.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: new.insert("new \(round)-\(position)-\(new.count)", at: position)
                case 1 where position < new.count: new.remove(at: position)
                default: if position < new.count { new[position] = "changed \(position)" }
                }
            }
            let oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
            let context = [3, 3, 1, 0][round % 4]
            let ours = LineDiff.unified(oldText, newText, oldName: "a", newName: "b", context: context)
            let theirs = try Self.gnuDiff(oldText, newText, context: context, in: folder)
            #expect(Self.body(ours) == Self.body(theirs), "round \(round): \(old) → \(new)")
        }
    }

    static func gnuDiff(_ old: String, _ new: String, context: Int, in folder: URL) throws -> String {
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try old.write(to: a, atomically: true, encoding: .utf8)
        try new.write(to: b, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-U", String(context), a.path, b.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text without its `---`/`+++` header lines.
    static func body(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
    }

    static func sides(_ script: [Line]) -> ([String], [String]) {
        var old: [String] = [], new: [String] = []
        for line in script {
            switch line {
            case .same(let text): old.append(text); new.append(text)
            case .removed(let text): old.append(text)
            case .added(let text): new.append(text)
            }
        }
        return (old, new)
    }

    static func edits(_ script: [Line]) -> Int {
        script.filter { if case .same = $0 { return false } else { return true } }.count
    }

    static func lcs(_ a: [String], _ b: [String]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices.reversed() {
            for j in b.indices.reversed() {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
