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

extension ManifestDecoder {
    /// `decode(node, path)`, through the memo when there is one.
    mutating func memoized<T>(_ node: SourceNode, _ path: FieldPath,
                              _ decode: (inout ManifestDecoder, SourceNode, FieldPath) -> T) -> T {
        guard let memo else { return decode(&self, node, path) }
        return memo.value(node, path, decoder: &self, decode)
    }
}
