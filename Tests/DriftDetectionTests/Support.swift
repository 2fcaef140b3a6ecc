import KubernetesRules
import ObjectModel
import Testing
@testable import DriftDetection

/// Parses one YAML (or JSON) document, written the way the fixtures are: indented multi-line
/// literals.
func object(_ text: String) throws -> JSONValue {
    let documents = try SourceDocument.parse(text)
    return try #require(documents.first?.root.jsonValue)
}

/// A server version from its minor number.
func version(_ minor: Int) -> KubernetesVersion {
    KubernetesVersion(major: 1, minor: minor)
}

/// The drift of `applied` against `live` at server version `minor`.
func drift(_ applied: JSONValue, _ live: JSONValue, minor: Int = 33) -> [DriftItem] {
    DriftDetector(version: version(minor)).items(applied: [applied], live: [live])
}

/// `change path` lines, for compact assertions.
func summary(_ items: [DriftItem]) -> [String] {
    items.map { "\($0.change.rawValue) \($0.path)" }
}

/// A marker as the ledger writes it, with a recognisable hex.
func marker(_ digit: Character) -> String {
    SecretMarker.marker(hmac: String(repeating: digit, count: 64))
}
