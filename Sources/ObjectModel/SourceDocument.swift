/// One document of a YAML stream, as written.
public struct SourceDocument: Sendable, Hashable {
    /// The document's root node.
    public var root: SourceNode
    /// 0-based position of the document in its stream.
    public var index: Int

    /// How much a stream may expand to, aliases included: a guard against alias bombs, where a
    /// small text names one large node many times over (`[*b, *b, …]`, or aliases of aliases).
    public struct Budget: Sendable, Hashable {
        /// The most nodes (scalars, lists and mappings).
        public var nodes: Int
        /// The most bytes of scalar text (keys and values, UTF-8).
        public var bytes: Int

        /// Creates a budget.
        public init(nodes: Int, bytes: Int) {
            self.nodes = nodes
            self.bytes = bytes
        }
    }

    /// The most nodes a stream may expand to, aliases included.
    public static let nodeLimit = 200_000
    /// The most bytes of scalar text a stream may expand to, aliases included: 32 MiB, many times
    /// what one release's objects can hold (the API server takes at most 3 MiB in one request,
    /// and a ConfigMap holds at most 1 MiB).
    public static let byteLimit = 32 << 20
    /// The budget ``parse(_:)`` applies.
    public static let budget = Budget(nodes: nodeLimit, bytes: byteLimit)

    /// Parses every non-empty document of a YAML stream.
    ///
    /// - Throws: ``YAMLSyntaxError`` with the position and libyaml's problem, never the source
    ///   text (it may hold secrets).
    public static func parse(_ text: String) throws(YAMLSyntaxError) -> [SourceDocument] {
        try SourceComposer.documents(of: text, limit: budget)
    }

    /// Parses every non-empty document of a YAML stream, and says where each scalar was written.
    ///
    /// - Returns: the documents ``parse(_:)`` returns, and the span of every scalar in stream
    ///   order; no spans when the stream uses anchors or aliases (a node may then stand in more
    ///   than one place, so a span does not name one node).
    public static func parseWithSpans(_ text: String) throws(YAMLSyntaxError) -> (documents: [SourceDocument], spans: [ScalarSpan]?) {
        let (documents, spans) = try SourceComposer.documentsAndSpans(of: text, limit: budget)
        return (documents, spans)
    }
}

/// A YAML stream that could not be read.
public struct YAMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libyaml's description of the problem, without any source text.
    public var problem: String
    /// Where the problem was found.
    public var location: SourceLocation?

    public init(problem: String, location: SourceLocation?) {
        self.problem = problem
        self.location = location
    }

    public var description: String { problem }
}
