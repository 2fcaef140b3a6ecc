import CYaml

/// The text ``SourceDocument/parse(_:memo:)`` read last, its documents, and where each scalar
/// was written, so that the next text, when it differs only inside one scalar, is read by
/// editing that scalar instead of parsing the whole stream again.
///
/// Meant for a run of versions of one file (`import git`), where most commits change one value
/// (an image tag). The edit is taken only when it provably gives what a parse would:
/// - both texts are ASCII and the stream has no anchors or aliases;
/// - the bytes that differ lie inside one single-line scalar value (not a key) whose text is
///   exactly as written (no escapes), and the new bytes keep it one token of the same style:
///   printable, no quote or backslash inside quotes, only `A-Za-z0-9._/+-` in a plain scalar,
///   which starts with a letter or digit and is not empty;
/// - nothing but blanks or a comment follows that scalar on its line, so no other node moves.
/// Anything else is parsed in full. Not for sharing between threads: one memo per worker.
///
/// ```swift
/// let memo = ParseMemo()
/// let documents = try versions.map { try SourceDocument.parse($0, memo: memo) }
/// ```
public final class ParseMemo {
    private var text: [UInt8] = []
    private var documents: [SourceDocument] = []
    /// Where each scalar of `text` was written, in stream order.
    private var spans: [ScalarSpan] = []
    /// False when there is nothing to edit from: no text yet, or the last one could not be parsed,
    /// is not ASCII or uses anchors.
    private var usable = false
    /// How many texts were read by editing the one before (the rest were parsed).
    public private(set) var edits = 0

    public init() {}

    /// The documents of `text`, by editing the last text's when it allows, else by parsing.
    func documents(of text: String) throws(YAMLSyntaxError) -> [SourceDocument] {
        let bytes = Array(text.utf8)
        if usable, let edited = edit(to: bytes) { return edited }
        usable = false
        let (documents, spans) = try SourceComposer.documentsAndSpans(of: text, nodeLimit: SourceDocument.nodeLimit)
        if let spans, bytes.allSatisfy({ $0 < 0x80 }) {
            (self.text, self.documents, self.spans, usable) = (bytes, documents, spans, true)
        }
        return documents
    }

    /// The documents of `new`, made from the last text's by one scalar edit; nil when the
    /// difference is not such an edit.
    private func edit(to new: [UInt8]) -> [SourceDocument]? {
        let old = text
        let prefix = Self.commonPrefix(old, new)
        if prefix == old.count, prefix == new.count {
            edits += 1
            return documents
        }
        let suffix = Self.commonSuffix(old, new, limit: min(old.count, new.count) - prefix)
        let (oldEnd, newEnd) = (old.count - suffix, new.count - suffix)
        guard let index = spans.lastIndex(where: { $0.start <= prefix }) else { return nil }
        let span = spans[index]
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
        guard let position = documents.lastIndex(where: { $0.root.location <= location }),
              let root = documents[position].root.replacingScalar(at: location, was: was, now: now) else { return nil }
        documents[position].root = root
        spans[index].end += delta
        for later in spans.indices[(index + 1)...] {
            spans[later].start += delta
            spans[later].end += delta
        }
        text = new
        edits += 1
        return documents
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

/// Where one scalar was written: offsets of its first character and just past its last (its
/// quotes included), its position, and its style.
struct ScalarSpan {
    enum Style {
        case plain, singleQuoted, doubleQuoted, other

        /// True for a byte that may replace content of a scalar of this style without ending it
        /// or changing how it reads.
        func allows(_ byte: UInt8) -> Bool {
            switch self {
            case .plain:
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "-"): true
                default: Self.isAlphanumeric(byte)
                }
            case .singleQuoted: byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "'")
            case .doubleQuoted: byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
            case .other: false
            }
        }

        static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    var start: Int
    var end: Int
    let line: Int
    let column: Int
    let endLine: Int
    let style: Style

    init(_ event: yaml_event_t) {
        start = Int(event.start_mark.index)
        end = Int(event.end_mark.index)
        line = Int(event.start_mark.line)
        column = Int(event.start_mark.column)
        endLine = Int(event.end_mark.line)
        switch event.data.scalar.style {
        case YAML_PLAIN_SCALAR_STYLE: style = .plain
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        default: style = .other
        }
    }

    /// The offsets of the scalar's characters (inside its quotes), when it is on one line and
    /// of a style an edit may keep.
    var content: Range<Int>? {
        guard line == endLine, start < end else { return nil }
        switch style {
        case .plain: return start..<end
        case .singleQuoted, .doubleQuoted: return end - start >= 2 ? (start + 1)..<(end - 1) : nil
        case .other: return nil
        }
    }
}

extension SourceNode {
    /// This node with the scalar value that starts at `location` and reads `was` now reading
    /// `now`; nil when no scalar value starts there or it reads otherwise. The search goes down
    /// through values and items only, so a key is never found.
    func replacingScalar(at location: SourceLocation, was: String, now: String) -> SourceNode? {
        switch content {
        case .scalar(let scalar):
            guard self.location == location, scalar.text == was else { return nil }
            return SourceNode(.scalar(.init(text: now, isPlain: scalar.isPlain, explicitTag: scalar.explicitTag)), at: location)
        case .sequence(var items):
            guard let index = items.lastIndex(where: { $0.location <= location }),
                  let item = items[index].replacingScalar(at: location, was: was, now: now) else { return nil }
            items[index] = item
            return SourceNode(.sequence(items), at: self.location)
        case .mapping(var pairs):
            guard let index = pairs.lastIndex(where: { $0.key.location <= location }),
                  let value = pairs[index].value.replacingScalar(at: location, was: was, now: now) else { return nil }
            pairs[index].value = value
            return SourceNode(.mapping(pairs), at: self.location)
        }
    }
}
