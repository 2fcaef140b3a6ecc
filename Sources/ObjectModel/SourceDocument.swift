import Yams

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
        var documents: [SourceDocument] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default)
            var budget = nodeLimit
            var index = 0
            while let node = try parser.nextRoot() {
                let root = try convert(node, budget: &budget)
                if !root.isNull {
                    documents.append(SourceDocument(root: root, index: index))
                }
                index += 1
            }
        } catch let error as YAMLSyntaxError {
            throw error
        } catch let error as YamlError {
            throw YAMLSyntaxError(error)
        } catch {
            throw YAMLSyntaxError(problem: "unreadable YAML", location: nil)
        }
        return documents
    }

    private static func convert(_ node: Node, budget: inout Int) throws -> SourceNode {
        budget -= 1
        guard budget >= 0 else {
            throw YAMLSyntaxError(
                problem: "the document expands to more than \(nodeLimit) nodes (too many aliases?)",
                location: node.mark.map(SourceLocation.init))
        }
        let location = node.mark.map(SourceLocation.init) ?? SourceLocation(line: 1, column: 1)
        switch node {
        case .scalar(let scalar):
            let written = scalar.tag.description
            let tag = written.isEmpty || written == "!" ? nil : written
            let isPlain = scalar.style == .plain || scalar.style == .any
            return SourceNode(.scalar(.init(text: scalar.string, isPlain: isPlain, explicitTag: tag)), at: location)
        case .sequence(let sequence):
            try checkCollectionTag(sequence.tag.description, standard: "tag:yaml.org,2002:seq", at: location)
            var items: [SourceNode] = []
            for item in sequence { items.append(try convert(item, budget: &budget)) }
            return SourceNode(.sequence(items), at: location)
        case .mapping(let mapping):
            try checkCollectionTag(mapping.tag.description, standard: "tag:yaml.org,2002:map", at: location)
            var pairs: [SourceNode.Pair] = []
            for (key, value) in mapping {
                pairs.append(.init(key: try convert(key, budget: &budget), value: try convert(value, budget: &budget)))
            }
            return SourceNode(.mapping(pairs), at: location)
        case .alias:
            throw YAMLSyntaxError(problem: "unresolved alias", location: location)
        }
    }

    /// A mapping or sequence may carry no tag or its standard one; anything else
    /// (`!!python/object:…`, `!custom`) asks for a type a manifest cannot hold.
    private static func checkCollectionTag(_ written: String, standard: String, at location: SourceLocation) throws {
        guard ["", "!", "?", standard].contains(written) else {
            throw YAMLSyntaxError(problem: "unsupported YAML tag '\(written)'; a manifest holds only plain mappings, lists and scalars",
                                  location: location)
        }
    }
}

extension SourceLocation {
    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
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

    init(_ error: YamlError) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            self.init(problem: problem, location: SourceLocation(mark))
        case .reader(let problem, _, _, _):
            self.init(problem: "invalid input: \(problem)", location: nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init(problem: "duplicate key \(keys) in one mapping", location: SourceLocation(context.mark))
        case .dataCouldNotBeDecoded:
            self.init(problem: "the input is not valid UTF-8", location: nil)
        default:
            self.init(problem: "unreadable YAML", location: nil)
        }
    }

    public var description: String { problem }
}
