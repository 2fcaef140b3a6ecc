import Foundation
import ObjectModel
import Rendering
import Testing

/// Golden files for the renderer: every example manifest and one case per feature area, under
/// `Fixtures/render/<case>/`. Re-record with `RECORD_GOLDEN=1 swift test --filter RenderingTests`
/// (the recording run fails on purpose), then read the diff of every `expected.yaml`.
@Suite struct RenderingTests {
    @Test("the fixture folder holds every example and the feature cases", .tags(.small))
    func fixturesArePresent() throws {
        let names = Set(GoldenCase.all.map(\.name))
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples").standardizedFileURL
        let exampleNames = try FileManager.default.contentsOfDirectory(atPath: examples.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }
        #expect(!exampleNames.isEmpty)
        for example in exampleNames {
            #expect(names.contains(example), "examples/\(example).yaml has no golden case")
            let copied = try String(contentsOf: GoldenCase.root.appendingPathComponent("\(example)/manifest.yaml"), encoding: .utf8)
            let original = try String(contentsOf: examples.appendingPathComponent("\(example).yaml"), encoding: .utf8)
            #expect(copied == original, "Fixtures/render/\(example)/manifest.yaml is out of date with examples/")
        }
        #expect(names.count >= exampleNames.count + 12)
    }

    @Test("rendered YAML matches expected.yaml", .tags(.medium), arguments: GoldenCase.all)
    func golden(_ golden: GoldenCase) throws {
        let yaml = try golden.renderedYAML()
        try Golden.check(yaml, against: golden.expectedURL)
    }

    @Test("rendering is deterministic and its JSON parses back to the same tree", .tags(.medium), arguments: GoldenCase.all)
    func deterministic(_ golden: GoldenCase) throws {
        let first = try golden.renderedObjects()
        let second = try golden.renderedObjects()
        #expect(first == second)
        #expect(Array(CanonicalYAML.stream(first).utf8) == Array(CanonicalYAML.stream(second).utf8))
        for (index, object) in first.enumerated() {
            let json = CanonicalJSON.pretty(object)
            #expect(json == CanonicalJSON.pretty(second[index]))
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
            let expected = JSONShape.lines(object)
            let actual = JSONShape.lines(parsed: parsed)
            #expect(actual.count == expected.count, "object \(index): \(actual.count) JSON nodes, expected \(expected.count)")
            #expect(actual == expected, "object \(index) does not parse back to the same tree")
        }
    }

    @Test("every expected.yaml passes kubernetes-validate --strict",
          .tags(.large),
          .enabled(if: KubernetesValidate.executable != nil,
                   "kubernetes-validate is not on PATH (pip install kubernetes-validate); golden files not schema-checked"),
          arguments: ["1.30", nil] as [String?])
    func kubernetesValidate(version: String?) throws {
        let files = GoldenCase.all.map(\.expectedURL.path)
        try #require(!files.isEmpty)
        let result = try KubernetesValidate.run(version: version, files: files)
        let against = version.map { "-k \($0)" } ?? "(newest)"
        #expect(result.status == 0, "kubernetes-validate \(against) exited \(result.status):\n\(result.output)")
    }
}

/// Runs the `kubernetes-validate` command (PyPI) found on PATH.
enum KubernetesValidate {
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("kubernetes-validate")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// `kubernetes-validate --strict [-k version] --quiet files…`: exit status and combined output.
    static func run(version: String?, files: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = executable
        process.arguments = ["--strict"] + (version.map { ["-k", $0] } ?? []) + ["--quiet"] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
