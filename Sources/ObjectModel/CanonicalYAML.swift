import Yams

/// Canonical YAML text for ``JSONValue`` documents.
///
/// Keys are sorted byte-wise (the order `kubectl get -o yaml` prints), indentation is two
/// spaces, lines are never folded, multi-line strings use literal block style, and any string
/// that YAML 1.1 or 1.2 would read as something else (`"1.36"`, `"yes"`, `"0644"`) is
/// double-quoted. The same values always give the same bytes.
public enum CanonicalYAML {
    /// One document, without a `---` marker.
    public static func document(_ value: JSONValue) -> String {
        do {
            return try Yams.serialize(node: node(for: value), indent: 2, width: -1, allowUnicode: true)
        } catch {
            // libyaml only fails on invalid events, which `node(for:)` never builds.
            preconditionFailure("canonical YAML emission failed: \(error)")
        }
    }

    /// A multi-document stream: each document introduced by `---`.
    public static func stream(_ values: [JSONValue]) -> String {
        values.map { "---\n" + document($0) }.joined()
    }

    static func node(for value: JSONValue) -> Node {
        switch value {
        case .null:
            return .scalar(.init("null", tag(.null), .plain))
        case .bool(let flag):
            return .scalar(.init(flag ? "true" : "false", tag(.bool), .plain))
        case .int(let number):
            return .scalar(.init(String(number), tag(.int), .plain))
        case .double:
            return .scalar(.init(CanonicalJSON.compact(value), tag(.float), .plain))
        case .string(let text):
            return .scalar(.init(text, tag(.str), style(for: text)))
        case .array(let items):
            return .sequence(.init(items.map(node(for:)), tag(.seq), .block))
        case .object(let members):
            let pairs = members.sortedByKey().map { member -> (Node, Node) in
                (.scalar(.init(member.key, tag(.str), style(for: member.key))), node(for: member.value))
            }
            return .mapping(.init(pairs, tag(.map), .block))
        }
    }

    /// Every tag is explicit, so no resolver is ever consulted: the basic one spares compiling
    /// the default resolver's regular expressions in every process that prints YAML.
    private static func tag(_ name: Tag.Name) -> Tag {
        Tag(name, .basic, .default)
    }

    static func style(for text: String) -> Node.Scalar.Style {
        if text.contains("\n") { return .literal }
        if PlainScalar.needsQuoting(text) { return .doubleQuoted }
        // libyaml falls back to single quotes by itself when plain is not allowed.
        return .plain
    }
}
