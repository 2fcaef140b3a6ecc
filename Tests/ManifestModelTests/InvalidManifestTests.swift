import Foundation
import ManifestModel
import Testing

/// Each `Fixtures/invalid/<case>.yaml` must fail with exactly the lines of `<case>.errors.txt`.
///
/// Run with `RECORD_GOLDEN=1` to rewrite the expectations; the run then fails, so a re-recording
/// can never pass unnoticed. Read every rewritten file before keeping it.
@Suite struct InvalidManifestTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/invalid")

    /// The case names: every `.yaml` file of the folder, without extension.
    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    @Test func fixtureFolderHoldsTheCases() throws {
        #expect(Self.cases.count >= 40)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        let orphans = files.filter { $0.hasSuffix(".errors.txt") }.map { String($0.dropLast(11)) }
            .filter { !Self.cases.contains($0) }
        #expect(orphans.isEmpty, "expectations without a manifest: \(orphans)")
    }

    @Test(arguments: cases)
    func reportsEveryProblemWithPathAndPosition(_ name: String) throws {
        let manifest = Self.folder.appendingPathComponent("\(name).yaml")
        let expectedFile = Self.folder.appendingPathComponent("\(name).errors.txt")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let actual: String
        do {
            _ = try ManifestReader.read(text, file: "\(name).yaml")
            actual = ""
        } catch {
            actual = error.description + "\n"
        }
        if Self.recording {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(name).errors.txt; unset RECORD_GOLDEN and review it")
            return
        }
        #expect(!actual.isEmpty, "\(name).yaml was accepted")
        let expected = (try? String(contentsOf: expectedFile, encoding: .utf8)) ?? "<missing \(name).errors.txt>"
        #expect(actual == expected, "\(Self.lineDiff(expected: expected, actual: actual))")
    }

    /// The lines only in one of the two texts, marked `-` (expected) and `+` (actual).
    static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n"), new = actual.split(separator: "\n")
        let removed = old.filter { !new.contains($0) }.map { "- \($0)" }
        let added = new.filter { !old.contains($0) }.map { "+ \($0)" }
        return (removed + added).joined(separator: "\n")
    }
}
