import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Parses a one-document YAML literal into a value tree.
func yaml(_ text: String) throws -> JSONValue {
    let documents = try SourceDocument.parse(text)
    return try #require(documents.first).root.jsonValue
}

/// A defaulter for a version written as text (`"1.31"`).
func defaults(_ version: String, emptyStructs: Bool = false) throws -> ServerDefaults {
    ServerDefaults(version: try #require(KubernetesVersion(version)), includesEmptyStructs: emptyStructs)
}

/// An apps/v1 DaemonSet around a pod spec, with selector and strategy already complete so that
/// only the pod template's defaults show in a comparison.
func daemonSet(pod: JSONValue) -> JSONValue {
    [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": ["name": "agent", "namespace": "ops"],
        "spec": [
            "selector": ["matchLabels": ["app": "agent"]],
            "template": ["metadata": ["labels": ["app": "agent"]], "spec": pod],
        ],
    ]
}

/// The pod template spec of `pod` after defaulting by `version`.
func defaultedPod(_ pod: String, version: String = "1.31") throws -> JSONValue {
    let result = try defaults(version).defaulted(daemonSet(pod: try yaml(pod)))
    return try #require(result.value(atMemberPath: "spec.template.spec"))
}

/// The first container of `pod` after defaulting by `version`.
func defaultedContainer(_ container: String, version: String = "1.31") throws -> JSONValue {
    let pod = try defaultedPod("containers:\n" + indented(container), version: version)
    return try #require(pod["containers"]?.arrayValue?.first)
}

/// `text` as the single item of a YAML sequence.
func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
        line.isEmpty ? "" : (index == 0 ? "- " : "  ") + line
    }.joined(separator: "\n")
}

/// Fixture folders of the repository, found from this file.
enum Paths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let renderFixtures = testsFolder.appendingPathComponent("RenderingTests/Fixtures/render")
    static let servedFixtures = testsFolder.appendingPathComponent("KubernetesRulesTests/Fixtures/served")
}

/// The paths (dotted, with list indexes) where two trees differ; empty when equal.
func differences(_ lhs: JSONValue?, _ rhs: JSONValue?, at path: String = "") -> [String] {
    switch (lhs, rhs) {
    case (.object(let left)?, .object(let right)?):
        return Set(left.keys).union(right.keys).sorted().flatMap { key in
            differences(left[key], right[key], at: path.isEmpty ? key : "\(path).\(key)")
        }
    case (.array(let left)?, .array(let right)?) where left.count == right.count:
        return zip(left, right).enumerated().flatMap { index, pair in differences(pair.0, pair.1, at: "\(path)[\(index)]") }
    default:
        if lhs == rhs { return [] }
        let show = { (value: JSONValue?) in value.map(CanonicalJSON.compact) ?? "(absent)" }
        return ["\(path): \(show(lhs)) -> \(show(rhs))"]
    }
}

/// One table row of a defaulting test: a value as given and as the server would store it.
struct DefaultingCase: Sendable, CustomTestStringConvertible {
    var name: String
    var version = "1.31"
    var given: String
    var expected: String
    var testDescription: String { name }
}
