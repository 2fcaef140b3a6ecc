import ObjectModel

/// Reads manifest objects out of YAML nodes, collecting every problem instead of stopping at the
/// first. Each `decode…` function in the `ManifestDecoder+…` extensions reads one message of
/// the format; the helpers here implement the reading rules of Project Planton's loader
/// (`sigs.k8s.io/yaml` then `protojson`).
struct ManifestDecoder {
    var issues: [ManifestIssue] = []
    let prefersCamelCase: Bool

    init(prefersCamelCase: Bool) {
        self.prefersCamelCase = prefersCamelCase
    }

    mutating func report(_ kind: ManifestIssue.Kind, _ path: FieldPath, _ location: SourceLocation?,
                         _ message: String, hint: String? = nil) {
        issues.append(ManifestIssue(kind, path, at: location, message, hint: hint))
    }

    /// The fields of one mapping, by snake_case name.
    struct Fields {
        var origin: Origin
        var entries = FieldEntries()

        func path(_ name: String) -> FieldPath {
            if let entry = entries[name] { return origin.path.field(entry.key) }
            return origin.path(of: name)
        }
    }

    /// A mapping's fields by snake_case name, searched in order: a mapping has a few dozen keys
    /// at most, and comparing short names costs less than hashing them into a dictionary.
    struct FieldEntries {
        private var names: [String] = []
        private var values: [(key: String, node: SourceNode)] = []

        /// The snake_case names given, in the order they were written.
        var keys: [String] { names }

        mutating func reserveCapacity(_ count: Int) {
            names.reserveCapacity(count)
            values.reserveCapacity(count)
        }

        subscript(name: String) -> (key: String, node: SourceNode)? {
            names.firstIndex(of: name).map { values[$0] }
        }

        /// Adds a field not given before (`fields(_:_:known:)` reports second spellings).
        mutating func append(_ name: String, key: String, node: SourceNode) {
            names.append(name)
            values.append((key, node))
        }
    }

    /// Checks that `node` is a mapping whose keys are all known fields (either spelling, once).
    ///
    /// Null values count as absent. Unknown keys get a "did you mean" when one is close.
    mutating func fields(_ node: SourceNode, _ path: FieldPath, known: [String]) -> Fields? {
        guard case .mapping(let pairs) = node.content else {
            report(.wrongType, path, node.location, "expected a mapping, got \(node.kindDescription)",
                   hint: path.isEmpty ? "a manifest is a mapping with apiVersion, kind, metadata and spec" : nil)
            return nil
        }
        var fields = Fields(origin: Origin(path: path, location: node.location, prefersCamelCase: prefersCamelCase))
        fields.entries.reserveCapacity(pairs.count)
        // Where each field was given, to report the second spelling of one; searched, not
        // hashed: a mapping has a few dozen keys at most.
        var seen: [(name: String, key: String, location: SourceLocation)] = []
        seen.reserveCapacity(pairs.count)
        for pair in pairs {
            guard let key = pair.key.scalar?.text else {
                report(.wrongType, path, pair.key.location, "a key must be a string, got \(pair.key.kindDescription)")
                continue
            }
            // Most documents spell every key as listed: try that before converting each name.
            guard let name = known.first(where: { $0 == key }) ?? known.first(where: { FieldName.camelCase($0) == key }) else {
                reportUnknown(key, path: path.field(key), at: pair.key.location, known: known)
                continue
            }
            if let earlier = seen.first(where: { $0.name == name }) {
                report(.duplicate, path.field(key), pair.key.location,
                       "field given twice, as '\(earlier.key)' at \(earlier.location) and as '\(key)'",
                       hint: "keep one spelling")
                continue
            }
            seen.append((name, key, pair.key.location))
            if !pair.value.isNull { fields.entries.append(name, key: key, node: pair.value) }
        }
        return fields
    }

    private mutating func reportUnknown(_ key: String, path: FieldPath, at location: SourceLocation, known: [String]) {
        // Suggest in the spelling of the key as typed (`hostNetwrok` → `hostNetwork`), else the document's.
        let camel = key.contains(where: \.isUppercase) || (!key.contains("_") && prefersCamelCase)
        let spell: (String) -> String = { camel ? FieldName.camelCase($0) : $0 }
        if let extensionHint = Self.unsupportedHints[key] {
            report(.unknownField, path, location, "unknown field '\(key)'", hint: extensionHint)
        } else if let match = Suggestion.closest(to: key, among: known.map(spell)) {
            report(.unknownField, path, location, "unknown field '\(key)'", hint: "did you mean '\(match)'?")
        } else {
            let list = known.map { "'\(prefersCamelCase ? FieldName.camelCase($0) : $0)'" }.joined(separator: ", ")
            report(.unknownField, path, location, "unknown field '\(key)'", hint: "known fields: \(list)")
        }
    }

    /// Fields users reach for that neither Planton nor dsledger offers, with what to do instead.
    static let unsupportedHints: [String: String] = [
        "host_path_type": "give 'type' inside a 'host_path' mapping, or write 'host_path' as a plain path",
        "image_pull_policy": "not supported; Kubernetes uses IfNotPresent, or Always for ':latest'",
        "imagePullPolicy": "not supported; Kubernetes uses IfNotPresent, or Always for ':latest'",
        "affinity": "not supported; use 'node_selector' and 'tolerations'",
    ]
}
