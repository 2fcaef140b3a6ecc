/// A YAML node as written, with where it was written.
///
/// Unlike ``JSONValue`` it keeps what a manifest reader needs to judge the input: whether a
/// scalar was quoted, the order and spelling of mapping keys (duplicates included), and the
/// line and column of every node. Produced by ``SourceDocument/parse(_:)``.
public struct SourceNode: Sendable, Hashable {
    /// A scalar as written.
    public struct Scalar: Sendable, Hashable {
        /// The scalar's text, after YAML unescaping and folding.
        public let text: String
        /// True when written without quotes or block indicators (resolved by YAML 1.1 rules).
        public let isPlain: Bool
        /// An explicit tag such as `tag:yaml.org,2002:str`, when the author wrote one.
        public let explicitTag: String?
        /// What the scalar means: plain scalars by YAML 1.1 rules, everything else a string.
        /// Resolved once, when the scalar is made: readers ask for it many times.
        public let resolved: PlainScalar

        public init(text: String, isPlain: Bool, explicitTag: String? = nil) {
            self.text = text
            self.isPlain = isPlain
            self.explicitTag = explicitTag
            switch explicitTag {
            case "tag:yaml.org,2002:str": resolved = .string(text)
            case nil where isPlain: resolved = PlainScalar(resolving: text)
            case nil: resolved = .string(text)
            default: resolved = PlainScalar(resolving: text)
            }
        }

        // `resolved` follows from the rest (and `.nan` is unequal to itself): it takes no part.
        public static func == (lhs: Scalar, rhs: Scalar) -> Bool {
            lhs.text == rhs.text && lhs.isPlain == rhs.isPlain && lhs.explicitTag == rhs.explicitTag
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(text)
            hasher.combine(isPlain)
            hasher.combine(explicitTag)
        }
    }

    /// The node's content.
    public indirect enum Content: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([SourceNode])
        case mapping([Pair])
    }

    /// One key/value pair of a mapping, in source order.
    public struct Pair: Sendable, Hashable {
        public var key: SourceNode
        public var value: SourceNode

        public init(key: SourceNode, value: SourceNode) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar, when this node is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// True for an empty plain scalar, `~` or `null`: YAML's way of writing nothing.
    public var isNull: Bool {
        if let scalar, case .null = scalar.resolved { return true }
        return false
    }

    /// A word for the kind of value this node holds, for error messages ("a list", "the number 3").
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .float: return "a number"
            case .string: return "a string"
            }
        }
    }

    /// The node as a plain value tree, scalars resolved by YAML 1.1 rules.
    public var jsonValue: JSONValue {
        switch content {
        case .sequence(let items): return .array(items.map(\.jsonValue))
        case .mapping(let pairs):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(pairs.count)
            for pair in pairs { members[pair.key.scalar?.text ?? ""] = pair.value.jsonValue }
            return .object(members)
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .int(number)
            case .float(let number): return .double(number)
            case .string(let text): return .string(text)
            }
        }
    }
}
