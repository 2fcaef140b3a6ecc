import CYaml

/// Where one scalar was written in a YAML stream: byte offsets of its first character and just
/// past its last (its quotes included), its 0-based line and column, and its style.
///
/// ``SourceDocument/parseWithSpans(_:)`` gives one per scalar, keys included, in stream order.
public struct ScalarSpan: Sendable, Hashable {
    /// How a scalar is written.
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, other

        /// True for a byte that may stand inside a scalar of this style without ending it or
        /// changing how it reads: printable ASCII but the quote (and backslash) in quoted styles;
        /// only `A-Za-z0-9._/+-` in a plain scalar; nothing in the other styles.
        public func allows(_ byte: UInt8) -> Bool {
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

        /// True for an ASCII letter or digit.
        public static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// Byte offset of the scalar's first character (an opening quote included).
    public var start: Int
    /// Byte offset just past its last character (a closing quote included).
    public var end: Int
    /// 0-based line and column of its first character.
    public let line, column: Int
    /// 0-based line of its end.
    public let endLine: Int
    public let style: Style

    /// A span at the given offsets and position.
    public init(start: Int, end: Int, line: Int, column: Int, endLine: Int, style: Style) {
        (self.start, self.end, self.line, self.column, self.endLine, self.style) = (start, end, line, column, endLine, style)
    }

    init(_ event: yaml_event_t) {
        let style: Style = switch event.data.scalar.style {
        case YAML_PLAIN_SCALAR_STYLE: .plain
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        default: .other
        }
        self.init(start: Int(event.start_mark.index), end: Int(event.end_mark.index), line: Int(event.start_mark.line),
                  column: Int(event.start_mark.column), endLine: Int(event.end_mark.line), style: style)
    }

    /// The offsets of the scalar's characters (inside its quotes), when it is on one line and of
    /// the plain or a quoted style; nil otherwise.
    public var content: Range<Int>? {
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
    /// `now` (same style and tag); nil when no scalar value starts there or it reads otherwise.
    /// The search goes down through values and items only, so a key is never found.
    public func replacingScalar(at location: SourceLocation, was: String, now: String) -> SourceNode? {
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
