import ObjectModel

/// What reading the previous version of a file left behind, so that the next version is read
/// with less work and the same result: its parse (``ParseMemo``) and what each field of it
/// decoded to.
///
/// Meant for a run of versions of one file (`import git`). A field whose YAML is the same as
/// last time, position included, decodes to the same value with the same issues, so it is
/// taken as kept instead of decoded again; after a ``ParseMemo`` edit the unchanged fields
/// share their storage with the previous document's, and the comparison costs next to nothing.
/// Not for sharing between threads: one memo per worker.
///
/// ```swift
/// let memo = ManifestMemo()
/// let manifests = try versions.map { try ManifestReader.read($0, file: name, memo: memo) }
/// ```
public final class ManifestMemo {
    let parse = ParseMemo()
    let decode = DecodeMemo()
    /// Each collection's plain value, and its count of camelCase and snake_case keys.
    let values = SubtreeMemo<JSONValue>()
    let keyCounts = SubtreeMemo<KeyStyle.Counts>()

    public init() {}

    /// How many texts were read by editing the one before (see ``ParseMemo/edits``).
    public var edits: Int { parse.edits }
    /// How many fields were taken as kept rather than decoded.
    public var keptFields: Int { decode.hits }
}

/// What each field decoded to last time, by its path: the field's YAML, the document's key
/// style, the value and the issues its decoding reported.
final class DecodeMemo {
    struct Entry {
        let node: SourceNode
        let prefersCamelCase: Bool
        let value: Any
        let issues: [ManifestIssue]
    }

    private var kept: [FieldPath: Entry] = [:]
    private(set) var hits = 0

    /// `decode(node, path)` as it came out last time for the same node at `path`, else decoded now
    /// (and kept).
    func value<T>(_ node: SourceNode, _ path: FieldPath, decoder: inout ManifestDecoder,
                  _ decode: (inout ManifestDecoder, SourceNode, FieldPath) -> T) -> T {
        if let entry = kept[path], entry.prefersCamelCase == decoder.prefersCamelCase, entry.node == node,
           let value = entry.value as? T {
            decoder.issues += entry.issues
            hits += 1
            return value
        }
        let before = decoder.issues.count
        let value = decode(&decoder, node, path)
        kept[path] = Entry(node: node, prefersCamelCase: decoder.prefersCamelCase, value: value,
                           issues: Array(decoder.issues[before...]))
        return value
    }
}

/// Values worked out from collections, kept by where each collection starts, for documents that
/// share most of their nodes with the one before: an unchanged collection (equal, and after a
/// ``ParseMemo`` edit sharing its storage, so the comparison is immediate) takes its kept value.
final class SubtreeMemo<Value> {
    private var kept: [SourceLocation: (node: SourceNode, value: Value)] = [:]

    /// `compute(node)` as it came out for an equal node at the same place, else computed now.
    func value(of node: SourceNode, _ compute: (SourceNode) -> Value) -> Value {
        if let entry = kept[node.location], entry.node == node { return entry.value }
        let value = compute(node)
        kept[node.location] = (node, value)
        return value
    }
}

extension ManifestMemo {
    /// `node.jsonValue`, with the values of unchanged collections kept (they share storage with
    /// the previous document's).
    func jsonValue(_ node: SourceNode) -> JSONValue {
        guard case .scalar = node.content else { return values.value(of: node) { $0.jsonValue(converting: jsonValue) } }
        return node.jsonValue
    }
}

extension ManifestDecoder {
    /// `decode(node, path)`, through the memo when there is one.
    mutating func memoized<T>(_ node: SourceNode, _ path: FieldPath,
                              _ decode: (inout ManifestDecoder, SourceNode, FieldPath) -> T) -> T {
        guard let memo else { return decode(&self, node, path) }
        return memo.decode.value(node, path, decoder: &self, decode)
    }
}
