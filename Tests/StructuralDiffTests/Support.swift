import ObjectModel
import StructuralDiff
import Testing
import TestSupport

extension Tag {
    @Tag static var small: Self
    @Tag static var medium: Self
}

/// Small builders for the objects the diff tests compare.
enum Fixture {
    /// The first document of a YAML text, as a value.
    static func yaml(_ text: String) throws -> JSONValue {
        let documents = try SourceDocument.parse(text)
        return try #require(documents.first).root.jsonValue
    }

    /// A DaemonSet `logging/agent` whose pod spec is `podSpec` (YAML).
    static func daemonSet(_ podSpec: String, name: String = "agent") throws -> JSONValue {
        let indented = podSpec.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "      " + $0 }.joined(separator: "\n")
        return try yaml("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: \(name), namespace: logging}
            spec:
              template:
                spec:
            \(indented)
            """)
    }

    static let agent = ObjectIdentity(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "logging", name: "agent")

    /// `spec.template.spec` of the agent DaemonSet, extended by `rest` (`containers[name=app]…`).
    static func podPath(_ segments: FieldPath.Segment...) -> FieldPath {
        FieldPath(FieldPath(dotted: "spec.template.spec").segments + segments)
    }

    /// The human text of the changes between two objects, without colours.
    static func human(_ old: [JSONValue], _ new: [JSONValue]) -> String {
        DiffFormat.human(ObjectDiff.changes(from: old, to: new), color: false)
    }

    /// A recorded secret marker: `hmac-sha256:` and 64 hex digits starting with `prefix`.
    static func marker(_ prefix: String) -> String {
        let hex = Array("0123456789abcdef")
        var digits = prefix
        var seed = prefix.utf8.reduce(UInt64(7)) { $0 &* 31 &+ UInt64($1) }
        while digits.count < 64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            digits.append(hex[Int(seed >> 60)])
        }
        return "hmac-sha256:" + digits
    }
}

/// The seeded generator of the property tests.
typealias SeededGenerator = SplitMix

/// Puts the items of every set-like list (tolerations, capabilities add/drop) in one order, so
/// that values equal up to set order compare equal.
enum SetNormalizer {
    static func normalized(_ value: JSONValue) -> JSONValue {
        normalized(value, path: FieldPath())
    }

    private static func normalized(_ value: JSONValue, path: FieldPath) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, normalized($0.value, path: path.field($0.key))) }))
        case .array(let items):
            let inner = items.map { normalized($0, path: path.index(0)) }
            guard ListMatching.forList(at: path) == .set else { return .array(inner) }
            return .array(inner.sorted { CanonicalJSON.compact($0).utf8Precedes(CanonicalJSON.compact($1)) })
        default:
            return value
        }
    }

    /// Objects as a set keyed by identity, each normalised.
    static func byIdentity(_ objects: [JSONValue]) -> [ObjectIdentity: JSONValue] {
        Dictionary(objects.map { (ObjectIdentity($0), normalized($0)) }, uniquingKeysWith: { first, _ in first })
    }
}
