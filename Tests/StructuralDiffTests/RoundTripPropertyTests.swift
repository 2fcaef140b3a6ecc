import Foundation
import ManifestModel
import ObjectModel
import Rendering
import StructuralDiff
import Testing

/// The golden manifests of the rendering tests, rendered: the starting points of random edits.
enum GoldenObjects {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../RenderingTests/Fixtures/render", isDirectory: true).standardized

    static let names: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/manifest.yaml").path) }.sorted()
    }()

    static func rendered(_ name: String) throws -> [JSONValue] {
        let folder = root.appendingPathComponent(name, isDirectory: true)
        let text = try String(contentsOf: folder.appendingPathComponent("manifest.yaml"), encoding: .utf8)
        let dockerURL = folder.appendingPathComponent("docker-config.json")
        let docker = FileManager.default.fileExists(atPath: dockerURL.path) ? try String(contentsOf: dockerURL, encoding: .utf8) : nil
        let renderer = Renderer(options: .init(dockerConfigJSON: docker))
        return try ManifestReader.read(text, file: "\(name)/manifest.yaml").flatMap { renderer.rendered($0) }
    }
}

@Suite(.tags(.medium)) struct RoundTripPropertyTests {
    static let seedsPerManifest: UInt64 = 30

    @Test func everyGoldenManifestIsFound() {
        #expect(GoldenObjects.names.count >= 20)
        #expect(GoldenObjects.names.contains("daemonset-log-collector-fluent-bit"))
    }

    /// `changes(A, A)` is empty, and applying `changes(A, B)` to `A` gives `B` (and back again),
    /// for random edits of every golden manifest.
    @Test(arguments: GoldenObjects.names)
    func applyingTheChangesGivesTheNewObjects(_ name: String) throws {
        let original = try GoldenObjects.rendered(name)
        #expect(!original.isEmpty)
        #expect(ObjectDiff.changes(from: original, to: original).isEmpty)
        for seed in 0..<Self.seedsPerManifest {
            var editor = RandomEditor(seed: seed &* 7919 &+ UInt64(name.utf8.count))
            var edited = original
            var log: [String] = []
            for _ in 0...Int.random(in: 0...5, using: &editor.random) { log.append(editor.edit(&edited)) }
            check(from: original, to: edited, context: "\(name) seed \(seed): \(log)")
            check(from: edited, to: original, context: "\(name) seed \(seed) reversed: \(log)")
            #expect(ObjectDiff.changes(from: edited, to: edited).isEmpty, "\(name) seed \(seed)")
        }
    }

    /// The random edits bring every kind of change, objects added and removed included.
    @Test func editsCoverEveryKindOfChange() throws {
        var kinds: Set<String> = []
        for name in GoldenObjects.names {
            let original = try GoldenObjects.rendered(name)
            for seed in 0..<Self.seedsPerManifest {
                var editor = RandomEditor(seed: seed &* 7919 &+ UInt64(name.utf8.count))
                var edited = original
                for _ in 0...Int.random(in: 0...5, using: &editor.random) { editor.edit(&edited) }
                for change in ObjectDiff.changes(from: original, to: edited) {
                    kinds.insert(change.path.isEmpty ? "object \(change.kind)" : "\(change.kind)")
                    if change.path.description.contains("[mountPath=") { kinds.insert("mountPath") }
                    if change.path.description.contains("[containerPort=") { kinds.insert("port") }
                    if change.path.description.contains(".tolerations[") { kinds.insert("toleration") }
                    if change.path.description.contains("capabilities.") { kinds.insert("capability") }
                    if change.object.kind == "ConfigMap", change.old?.stringValue?.contains("\n") == true { kinds.insert("config") }
                    if change.old?.intValue != nil, change.new?.stringValue != nil { kinds.insert("int to string") }
                }
            }
        }
        #expect(kinds == ["changed", "added", "removed", "reordered", "object added", "object removed", "mountPath", "port",
                          "toleration", "capability", "config", "int to string"])
    }

    private func check(from old: [JSONValue], to new: [JSONValue], context: String) {
        let changes = ObjectDiff.changes(from: old, to: new)
        let applied = ChangeApplication.applying(changes, to: old)
        let expected = SetNormalizer.byIdentity(new)
        let actual = SetNormalizer.byIdentity(applied)
        guard actual != expected else { return }
        let wrong = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }.sorted()
        let details = wrong.map { identity in
            "\(identity):\n" + LineDiff.unified(
                CanonicalYAML.document(expected[identity] ?? .null), CanonicalYAML.document(actual[identity] ?? .null),
                oldName: "expected", newName: "applied")
        }.joined(separator: "\n")
        Issue.record("\(context)\nchanges:\n\(DiffFormat.human(changes, color: false))\n\(details)")
    }
}
