/// One document of a YAML stream, as written.
public struct SourceDocument: Sendable, Hashable {
    /// The document's root node.
    public var root: SourceNode
    /// 0-based position of the document in its stream.
    public var index: Int

    /// The most nodes a stream may expand to, aliases included: a guard against alias bombs.
    public static let nodeLimit = 200_000

    /// Parses every non-empty document of a YAML stream.
    ///
    /// - Throws: ``YAMLSyntaxError`` with the position and libyaml's problem, never the source
    ///   text (it may hold secrets).
    public static func parse(_ text: String) throws(YAMLSyntaxError) -> [SourceDocument] {
        try SourceComposer.documents(of: text, nodeLimit: nodeLimit)
    }

    /// Parses every non-empty document of a YAML stream, through `memo` when there is one: a
    /// text that differs from the memo's last one inside one scalar is read by editing that
    /// scalar (see ``ParseMemo``). The result is the same either way.
    public static func parse(_ text: String, memo: ParseMemo?) throws(YAMLSyntaxError) -> [SourceDocument] {
        guard let memo else { return try parse(text) }
        return try memo.documents(of: text)
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
