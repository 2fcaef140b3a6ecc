import CYaml

/// Builds ``SourceNode`` trees straight from libyaml's event stream.
///
/// It does what Yams' composer did for ``SourceDocument/parse(_:)`` without its intermediate node
/// tree: positions (1-based line and column of each node's first character), scalar styles and
/// tags, aliases (copies of the anchored node, counted against the budget), and refusal of
/// duplicate keys. The budget (``SourceDocument/Budget``) counts what the stream expands to,
/// each alias as the nodes and scalar bytes it stands for, without copying them: an alias shares
/// its anchor's node. Nesting is kept on an explicit stack, so a deeply nested input can't exhaust
/// the thread's stack.
struct SourceComposer {
    /// What a node expands to: nodes, and bytes of scalar text, aliases included.
    private struct Size {
        var nodes: Int
        var bytes: Int

        static func += (lhs: inout Size, rhs: Size) {
            lhs.nodes += rhs.nodes
            lhs.bytes += rhs.bytes
        }
    }

    /// A collection being read: where it began, its anchor, how much it expands to so far,
    /// and its items or pairs (with a key waiting for its value). Mutated in place on the stack.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var anchor: String?
        var size = Size(nodes: 1, bytes: 0)
        var items: [SourceNode] = []
        var pairs: [SourceNode.Pair] = []
        var key: SourceNode?
        var keys: Set<String>?
    }

    private var stack: [Frame] = []
    private var anchors: [String: (node: SourceNode, size: Size)] = [:]
    /// The most the stream may expand to, and how much is left.
    private let limit: SourceDocument.Budget
    private var left: Size
    private var documents: [SourceDocument] = []
    private var documentIndex = 0
    /// Where each scalar was written, in stream order, when asked for (``ScalarSpan``).
    private var spans: [ScalarSpan]?
    /// True once an anchor or alias is seen: a node may then stand in more than one place.
    private var usesAnchors = false

    private init(limit: SourceDocument.Budget, recordingSpans: Bool = false) {
        self.limit = limit
        left = Size(nodes: limit.nodes, bytes: limit.bytes)
        spans = recordingSpans ? [] : nil
    }

    /// Every non-empty document of `text`.
    static func documents(of text: String, limit: SourceDocument.Budget) throws(YAMLSyntaxError) -> [SourceDocument] {
        var composer = SourceComposer(limit: limit)
        try composer.compose(text)
        return composer.documents
    }

    /// Every non-empty document of `text`, with the span of every scalar; no spans when the
    /// stream uses anchors or aliases.
    static func documentsAndSpans(of text: String, limit: SourceDocument.Budget) throws(YAMLSyntaxError) -> ([SourceDocument], [ScalarSpan]?) {
        var composer = SourceComposer(limit: limit, recordingSpans: true)
        try composer.compose(text)
        return (composer.documents, composer.usesAnchors ? nil : composer.spans)
    }

    private mutating func compose(_ text: String) throws(YAMLSyntaxError) {
        let result: Result<Void, YAMLSyntaxError>? = text.utf8.withContiguousStorageIfAvailable { bytes in
            run(bytes)
        }
        if let result {
            try result.get()
        } else {
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBufferPointer { run($0) }.get()
        }
    }

    private mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Void, YAMLSyntaxError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLSyntaxError(problem: "unreadable YAML", location: nil))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(YAMLSyntaxError(parser: parser))
            }
            defer { yaml_event_delete(&event) }
            do {
                if try !handle(event) { return .success(()) }
            } catch {
                return .failure(error)
            }
        }
    }

    /// Handles one event; false at the end of the stream.
    private mutating func handle(_ event: yaml_event_t) throws(YAMLSyntaxError) -> Bool {
        let location = SourceLocation(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return false
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let written = data.quoted_implicit == 1 ? "tag:yaml.org,2002:str" : Self.string(data.tag)
            let tag = written == nil || written == "!" ? nil : written
            let isPlain = data.style == YAML_PLAIN_SCALAR_STYLE || data.style == YAML_ANY_SCALAR_STYLE
            let node = SourceNode(.scalar(.init(text: text, isPlain: isPlain, explicitTag: tag)), at: location)
            spans?.append(ScalarSpan(event))
            if data.anchor != nil { usesAnchors = true }
            try complete(node, size: Size(nodes: 1, bytes: data.length), anchor: Self.string(data.anchor))
        case YAML_ALIAS_EVENT:
            usesAnchors = true
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                throw YAMLSyntaxError(problem: "found undefined alias", location: location)
            }
            try complete(anchored.node, size: anchored.size, anchor: nil, at: location)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try start(isMapping: false, tag: data.implicit == 0 ? data.tag : nil, anchor: data.anchor, at: location)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try start(isMapping: true, tag: data.implicit == 0 ? data.tag : nil, anchor: data.anchor, at: location)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { break }
            let content: SourceNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try complete(SourceNode(content, at: frame.location), size: frame.size, anchor: frame.anchor,
                         counted: true)
        default:
            break
        }
        return true
    }

    /// Opens a mapping or a list, once its tag is known to be allowed.
    private mutating func start(isMapping: Bool, tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?,
                                at location: SourceLocation) throws(YAMLSyntaxError) {
        try Self.checkCollectionTag(Self.string(tag), standard: isMapping ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq",
                                    at: location)
        try spend(Size(nodes: 1, bytes: 0), at: location)
        if anchor != nil { usesAnchors = true }
        stack.append(Frame(isMapping: isMapping, location: location, anchor: Self.string(anchor)))
    }

    /// Takes `size` off the budget, refusing alias bombs: the first node past it is named.
    private mutating func spend(_ size: Size, at location: SourceLocation) throws(YAMLSyntaxError) {
        left.nodes -= size.nodes
        left.bytes -= size.bytes
        guard left.nodes >= 0 else {
            throw YAMLSyntaxError(problem: "the document expands to more than \(limit.nodes) nodes (too many aliases?)",
                                  location: location)
        }
        guard left.bytes >= 0 else {
            throw YAMLSyntaxError(problem: "the document expands to more than \(limit.bytes >> 20) MiB of text, the limit "
                                  + "(aliases count each time they are used)", location: location)
        }
    }

    /// Places a finished node in its parent, or ends the document when it is the root. An alias
    /// is spent `at` its own place, not its anchor's.
    private mutating func complete(_ node: SourceNode, size: Size, anchor: String?, counted: Bool = false,
                                   at location: SourceLocation? = nil) throws(YAMLSyntaxError) {
        if !counted { try spend(size, at: location ?? node.location) }
        if let anchor { anchors[anchor] = (node, size) }
        let top = stack.count - 1
        guard top >= 0 else {
            if !node.isNull { documents.append(SourceDocument(root: node, index: documentIndex)) }
            documentIndex += 1
            return
        }
        stack[top].size += size
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].key {
            stack[top].pairs.append(SourceNode.Pair(key: key, value: node))
            stack[top].key = nil
        } else {
            if let text = node.scalar?.text {
                try Self.checkUnique(text, among: stack[top].pairs, index: &stack[top].keys, at: node.location)
            }
            stack[top].key = node
        }
    }

    /// Refuses a scalar key written twice in one mapping. Small mappings are searched; from 16
    /// keys on, a set of them is kept.
    private static func checkUnique(_ key: String, among pairs: [SourceNode.Pair], index: inout Set<String>?,
                                    at location: SourceLocation) throws(YAMLSyntaxError) {
        let duplicate: Bool
        if pairs.count < 16 {
            duplicate = pairs.contains { $0.key.scalar?.text == key }
        } else {
            if index == nil { index = Set(pairs.compactMap { $0.key.scalar?.text }) }
            duplicate = !(index!.insert(key).inserted)
        }
        guard !duplicate else {
            throw YAMLSyntaxError(problem: "duplicate key '\(key)' in one mapping", location: location)
        }
    }

    /// A mapping or sequence may carry no tag or its standard one; anything else
    /// (`!!python/object:…`, `!custom`) asks for a type a manifest cannot hold.
    private static func checkCollectionTag(_ written: String?, standard: String,
                                           at location: SourceLocation) throws(YAMLSyntaxError) {
        guard let written, !["", "!", "?", standard].contains(written) else { return }
        throw YAMLSyntaxError(problem: "unsupported YAML tag '\(written)'; a manifest holds only plain mappings, lists and scalars",
                              location: location)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

extension YAMLSyntaxError {
    /// libyaml's error, with its position; never the source text.
    init(parser: yaml_parser_t) {
        let mark = SourceLocation(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        switch parser.error {
        case YAML_READER_ERROR:
            self.init(problem: "invalid input: \(problem)", location: nil)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            self.init(problem: problem, location: mark)
        default:
            self.init(problem: "unreadable YAML", location: nil)
        }
    }
}
