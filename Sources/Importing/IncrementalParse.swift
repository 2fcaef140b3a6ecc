import ObjectModel

/// The parse stage of ``ImportPipeline``: YAML text to documents, reading a version that differs
/// from the one before only inside one scalar by editing that scalar in the previous tree.
///
/// Most commits of a manifest change one value (an image tag); a full parse costs about twenty
/// times an edit. The edit is taken only when it provably gives what a parse gives:
/// - both texts are ASCII and the stream has no anchors or aliases;
/// - the bytes that differ lie inside one single-line scalar value (not a key) whose text is
///   exactly as written (no escapes), and the new bytes keep it one token of the same style:
///   printable, no quote or backslash inside quotes, only `A-Za-z0-9._/+-` in a plain scalar,
///   which starts with a letter or digit and is not empty;
/// - nothing but blanks or a comment follows that scalar on its line, so no other node moves.
/// Anything else is parsed in full. One per worker: it keeps the version it read last.
struct IncrementalParse {
    /// The last version parsed or edited, when it can be edited from: ASCII, parsed without
    /// error, no anchors. `nil` before the first version and after one that is not.
    private var last: Parsed?
    /// How many versions were read by editing the one before (the rest were parsed).
    private(set) var edits = 0

    /// A version's text, its documents, and where each of its scalars was written.
    private struct Parsed {
        var text: [UInt8]
        var documents: [SourceDocument]
        var spans: [ScalarSpan]
    }

    /// The documents of `text`, by editing the last version's when the difference allows, else
    /// by parsing. Equal to ``SourceDocument/parse(_:)`` of `text` either way.
    mutating func documents(of text: String) throws(YAMLSyntaxError) -> [SourceDocument] {
        let bytes = Array(text.utf8)
        if let documents = edit(to: bytes) {
            edits += 1
            return documents
        }
        last = nil
        let (documents, spans) = try SourceDocument.parseWithSpans(text)
        if let spans, bytes.allSatisfy({ $0 < 0x80 }) { last = Parsed(text: bytes, documents: documents, spans: spans) }
        return documents
    }

    /// The documents of `new`, made from the last version's by one scalar edit (and kept as the
    /// last version); nil when there is no last version or the difference is not such an edit.
    private mutating func edit(to new: [UInt8]) -> [SourceDocument]? {
        // Without aliases a stream's scalars are at most its bytes: under the byte budget, an edit
        // cannot pass it (nor change the node count); above it, the parse says whether it does.
        guard var parsed = last, new.count <= SourceDocument.byteLimit else { return nil }
        let old = parsed.text
        let prefix = Self.commonPrefix(old, new)
        if prefix == old.count, prefix == new.count { return parsed.documents }
        let suffix = Self.commonSuffix(old, new, limit: min(old.count, new.count) - prefix)
        let (oldEnd, newEnd) = (old.count - suffix, new.count - suffix)
        guard let index = parsed.spans.lastIndex(where: { $0.start <= prefix }) else { return nil }
        let span = parsed.spans[index]
        guard let content = span.content, (content.lowerBound...content.upperBound).contains(prefix),
              oldEnd <= content.upperBound, Self.onlyCommentFollows(old, from: span.end),
              new[prefix..<newEnd].allSatisfy(span.style.allows) else { return nil }
        let delta = newEnd - oldEnd
        let newContent = content.lowerBound..<(content.upperBound + delta)
        if span.style == .plain {
            guard !newContent.isEmpty, ScalarSpan.Style.isAlphanumeric(new[newContent.lowerBound]) else { return nil }
        }
        let location = SourceLocation(line: span.line + 1, column: span.column + 1)
        let was = String(decoding: old[content], as: UTF8.self)
        let now = String(decoding: new[newContent], as: UTF8.self)
        guard let position = parsed.documents.lastIndex(where: { $0.root.location <= location }),
              let root = parsed.documents[position].root.replacingScalar(at: location, was: was, now: now) else { return nil }
        // Released before editing, so that the arrays below are changed in place, not copied.
        last = nil
        parsed.documents[position].root = root
        parsed.spans[index].end += delta
        for later in parsed.spans.indices[(index + 1)...] {
            parsed.spans[later].start += delta
            parsed.spans[later].end += delta
        }
        parsed.text = new
        last = parsed
        return parsed.documents
    }

    /// True when only blanks, then a comment or the end of the line, follow `offset`.
    private static func onlyCommentFollows(_ bytes: [UInt8], from offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count else { return true }
        switch bytes[index] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
        case UInt8(ascii: "#"): return index > offset
        default: return false
        }
    }

    private static func commonPrefix(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        let limit = min(lhs.count, rhs.count)
        var index = 0
        while index < limit, lhs[index] == rhs[index] { index += 1 }
        return index
    }

    private static func commonSuffix(_ lhs: [UInt8], _ rhs: [UInt8], limit: Int) -> Int {
        var count = 0
        while count < limit, lhs[lhs.count - 1 - count] == rhs[rhs.count - 1 - count] { count += 1 }
        return count
    }
}
