import Foundation
import ManifestModel
import ObjectModel
import Rendering
import Testing

extension Tag {
    @Tag static var small: Self
    @Tag static var medium: Self
    @Tag static var large: Self
}

/// One golden case: `Fixtures/render/<name>/` with `manifest.yaml`, `expected.yaml` and, when the
/// case renders an image-pull Secret, `docker-config.json`.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let name: String

    var testDescription: String { name }

    /// The folder of every case, found from this source file so that re-recording writes into
    /// the source tree.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/render", isDirectory: true)

    /// Every case folder, sorted by name.
    static let all: [GoldenCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            let manifest = root.appendingPathComponent(name).appendingPathComponent("manifest.yaml").path
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue && FileManager.default.fileExists(atPath: manifest)
        }
        .sorted { $0.utf8Precedes($1) }
        .map(GoldenCase.init(name:))
    }()

    var folder: URL { Self.root.appendingPathComponent(name, isDirectory: true) }
    var manifestURL: URL { folder.appendingPathComponent("manifest.yaml") }
    var expectedURL: URL { folder.appendingPathComponent("expected.yaml") }
    var dockerConfigURL: URL { folder.appendingPathComponent("docker-config.json") }

    /// The Docker config beside the manifest, verbatim, when there is one.
    func dockerConfig() throws -> String? {
        guard FileManager.default.fileExists(atPath: dockerConfigURL.path) else { return nil }
        return try String(contentsOf: dockerConfigURL, encoding: .utf8)
    }

    /// The manifests of `manifest.yaml`, read and validated.
    func manifests() throws -> [Manifest] {
        let text = try String(contentsOf: manifestURL, encoding: .utf8)
        return try ManifestReader.read(text, file: "\(name)/manifest.yaml")
    }

    /// Every object of every document, in render order.
    func renderedObjects() throws -> [JSONValue] {
        let renderer = Renderer(options: .init(dockerConfigJSON: try dockerConfig()))
        return try manifests().flatMap { renderer.rendered($0) }
    }

    /// The canonical YAML stream of every object.
    func renderedYAML() throws -> String {
        CanonicalYAML.stream(try renderedObjects())
    }
}

/// Golden-file comparison with a readable diff, and re-recording with `RECORD_GOLDEN=1`.
enum Golden {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the file at `url`. When recording, rewrites the file and records
    /// an issue so that a recording run never passes.
    static func check(_ actual: String, against url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if isRecording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(url.path); unset RECORD_GOLDEN and run the tests again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with RECORD_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if let diff = lineDiff(expected: expected, actual: actual) {
            Issue.record("rendered output differs from \(url.lastPathComponent):\n\(diff)", sourceLocation: sourceLocation)
        }
    }

    /// The differing region between the common first and last lines, with 1-based line numbers
    /// and one line of context before it (at most `limit` lines per side); `nil` when equal.
    static func lineDiff(expected: String, actual: String, limit: Int = 12) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        var out: [String] = []
        if prefix > 0 { out.append("  \(prefix): \(old[prefix - 1])") }
        for (sign, lines) in [("-", old), ("+", new)] {
            let changed = lines[prefix..<(lines.count - suffix)]
            for (offset, line) in changed.prefix(limit).enumerated() { out.append("\(sign) \(prefix + offset + 1): \(line)") }
            if changed.count > limit { out.append("\(sign) … \(changed.count - limit) more lines") }
        }
        if old.count != new.count { out.append("(expected \(old.count) lines, got \(new.count))") }
        return out.joined(separator: "\n")
    }
}

/// The structure of a JSON tree as a sorted list of `path = leaf` lines, comparable between a
/// ``JSONValue`` and what `JSONSerialization` parsed.
enum JSONShape {
    static func lines(_ value: JSONValue, path: String = "$") -> [String] {
        switch value {
        case .null: return ["\(path) = null"]
        case .bool(let flag): return ["\(path) = \(flag)"]
        case .int(let number): return ["\(path) = \(number)"]
        case .double(let number): return ["\(path) = \(number)"]
        case .string(let text): return ["\(path) = \"\(text)\""]
        case .array(let items):
            return ["\(path) = [\(items.count)]"] + items.enumerated().flatMap { lines($1, path: "\(path)[\($0)]") }
        case .object(let members):
            return ["\(path) = {\(members.count)}"] + members.sortedByKey().flatMap { lines($0.value, path: "\(path).\($0.key)") }
        }
    }

    static func lines(parsed value: Any, path: String = "$") -> [String] {
        switch value {
        case is NSNull: return ["\(path) = null"]
        case let text as String: return ["\(path) = \"\(text)\""]
        case let items as [Any]:
            return ["\(path) = [\(items.count)]"] + items.enumerated().flatMap { lines(parsed: $1, path: "\(path)[\($0)]") }
        case let members as [String: Any]:
            return ["\(path) = {\(members.count)}"]
                + members.sorted { $0.key.utf8Precedes($1.key) }.flatMap { lines(parsed: $0.value, path: "\(path).\($0.key)") }
        case let number as NSNumber:
            // JSON booleans come back as NSNumbers of type char ("c"), on Linux as on macOS.
            if String(cString: number.objCType) == "c" {
                return ["\(path) = \(number.boolValue)"]
            }
            return ["\(path) = \(number.int64Value)"]
        default: return ["\(path) = <\(type(of: value))>"]
        }
    }
}
