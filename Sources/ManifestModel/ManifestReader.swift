import ObjectModel

/// Reads `KubernetesDaemonSet` manifests: YAML text in, validated ``Manifest`` values out.
///
/// ```swift
/// let manifests = try ManifestReader.read(text, file: "fluent-bit.yaml")
/// ```
public enum ManifestReader {
    /// Every rule group, in the order their issues are collected (output is sorted by position).
    static let rules: [any ValidationRule] = [
        EnvelopeRules(), NamespaceRules(), ContainerRules(), ResourceRules(), EnvRules(), PortRules(),
        VolumeRules(), ProbeRules(), SecurityContextRules(), SchedulingRules(), StrategyRules(),
        AccountRules(), ConfigMapRules(), SidecarRules(),
    ]

    /// Parses and validates every document of `text`.
    ///
    /// - Parameters:
    ///   - text: the YAML stream.
    ///   - file: the name used in messages.
    /// - Returns: one manifest per non-empty document.
    /// - Throws: ``ManifestError`` with every problem of every document, sorted by position.
    public static func read(_ text: String, file: String) throws(ManifestError) -> [Manifest] {
        let documents: [SourceDocument]
        do {
            documents = try SourceDocument.parse(text)
        } catch {
            throw syntaxError(error, file: file)
        }
        return try manifests(of: documents, file: file)
    }

    /// The error ``read(_:file:)`` throws for a stream that is not YAML.
    public static func syntaxError(_ error: YAMLSyntaxError, file: String) -> ManifestError {
        ManifestError(file: file, issues: [ManifestIssue(.syntax, FieldPath(), at: error.location, "invalid YAML: \(error.problem)")])
    }

    /// Validates the documents of a stream parsed by the caller (as ``SourceDocument/parse(_:)``
    /// parses it): what ``read(_:file:)`` does after parsing.
    ///
    /// - Returns: one manifest per document.
    /// - Throws: ``ManifestError`` with every problem of every document, sorted by position; when
    ///   there is no document, that there is no manifest.
    public static func manifests(of documents: [SourceDocument], file: String) throws(ManifestError) -> [Manifest] {
        if documents.isEmpty {
            throw ManifestError(file: file, issues: [
                ManifestIssue(.required, FieldPath(), at: nil, "no manifest in the input",
                              hint: "give a KubernetesDaemonSet document"),
            ])
        }
        var manifests: [Manifest] = []
        var issues: [ManifestIssue] = []
        for document in documents {
            let (manifest, found) = decode(document)
            manifests.append(manifest)
            issues += found
        }
        guard issues.isEmpty else { throw ManifestError(file: file, issues: issues) }
        return manifests
    }

    /// Decodes and validates one document, returning the manifest and everything wrong with it.
    public static func decode(_ document: SourceDocument) -> (Manifest, [ManifestIssue]) {
        var decoder = ManifestDecoder(prefersCamelCase: KeyStyle.prefersCamelCase(document.root))
        let manifest = decoder.decodeManifest(document)
        // Not a manifest at all: say so once rather than list every missing field.
        guard case .mapping = document.root.content else { return (manifest, decoder.issues) }
        if let kind = manifest.kind, !isDaemonSetKind(kind.value) {
            return (manifest, [ManifestIssue(.unsupported, kind.path, at: kind.location, "unsupported kind '\(kind.value)'",
                                             hint: "dsledger reads only '\(Manifest.kind)' documents")])
        }
        var issues = Issues()
        for rule in rules { rule.check(manifest, into: &issues) }
        // A value that could not be read is reported once, by the decoder, not again as missing;
        // nor is a list reported empty because its only items could not be read.
        var unreadable = Set(decoder.issues.map(\.path))
        for path in unreadable {
            if case .index = path.segments.last { unreadable.insert(FieldPath(Array(path.segments.dropLast()))) }
        }
        return (manifest, decoder.issues + issues.all.filter { !unreadable.contains($0.path) })
    }

    /// True for `KubernetesDaemonSet` however it is cased or hyphenated (`kubernetes-daemonset`),
    /// the lookup Planton's CLI does; only exact spelling then passes validation.
    private static func isDaemonSetKind(_ kind: String) -> Bool {
        kind.lowercased().filter { $0 != "-" && $0 != "_" } == Manifest.kind.lowercased()
    }
}

/// Which spelling a document uses for multi-word keys.
enum KeyStyle {
    /// How many keys of a subtree are written in lowerCamelCase and in snake_case.
    struct Counts {
        var camel = 0
        var snake = 0

        static func + (lhs: Counts, rhs: Counts) -> Counts {
            Counts(camel: lhs.camel + rhs.camel, snake: lhs.snake + rhs.snake)
        }
    }

    /// True when lowerCamelCase keys (`createNamespace`) outnumber snake_case ones.
    static func prefersCamelCase(_ root: SourceNode) -> Bool {
        let counts = counts(root)
        return counts.camel > counts.snake
    }

    private static func counts(_ node: SourceNode) -> Counts {
        switch node.content {
        case .scalar: return Counts()
        case .sequence(let items): return items.reduce(Counts()) { $0 + counts($1) }
        case .mapping(let pairs):
            var total = Counts()
            for pair in pairs {
                // `apiVersion` is written so in snake_case documents too; it says nothing.
                if let key = pair.key.scalar?.text, key != "apiVersion" {
                    // Keys of the format are ASCII: look at bytes, not Unicode properties.
                    var lower = false, upper = false, underscore = false
                    for byte in key.utf8 {
                        switch byte {
                        case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
                        case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
                        case UInt8(ascii: "_"): underscore = true
                        default: break
                        }
                    }
                    if lower, underscore { total.snake += 1 } else if lower, upper { total.camel += 1 }
                }
                total = total + counts(pair.value)
            }
            return total
        }
    }
}
