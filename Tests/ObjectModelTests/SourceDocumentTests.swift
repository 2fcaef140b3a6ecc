import ObjectModel
import Testing

@Suite struct SourceDocumentTests {
    @Test func keepsPositionsQuotingAndKeyOrder() throws {
        let documents = try SourceDocument.parse("a: 1\nb:\n  - \"x\"\n  - y\n")
        let root = try #require(documents.first?.root)
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs.map { $0.key.scalar?.text } == ["a", "b"])
        guard case .sequence(let items) = pairs[1].value.content else { Issue.record("not a list"); return }
        #expect(items[0].location == SourceLocation(line: 3, column: 5))
        #expect(items[0].scalar?.isPlain == false)
        #expect(items[1].scalar?.isPlain == true)
    }

    @Test func skipsEmptyDocumentsButCountsThem() throws {
        let documents = try SourceDocument.parse("---\n---\na: 1\n---\nb: 2\n")
        #expect(documents.map(\.index) == [1, 2])
    }

    @Test func reportsSyntaxErrorsWithPositionAndWithoutSource() {
        #expect(throws: YAMLSyntaxError.self) { try SourceDocument.parse("a: [1, 2\nsecret: hunter2\n") }
        do {
            _ = try SourceDocument.parse("a: b\n  c: hunter2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.location != nil)
            #expect(!error.problem.contains("hunter2"))
        }
    }

    @Test func refusesDuplicateKeys() {
        do {
            _ = try SourceDocument.parse("a: 1\na: 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.problem == "duplicate key 'a' in one mapping")
            #expect(error.location == SourceLocation(line: 2, column: 1))
        }
    }

    /// A quoted key and a plain one with the same text name the same field; so do keys found
    /// only after the composer switches from searching to a set (16 keys on).
    @Test(arguments: [
        "a: 1\n\"a\": 2\n",
        "{x: 1, 'x': 2}",
        (0..<40).map { "k\($0): \($0)\n" }.joined() + "k7: again\n",
    ])
    func refusesDuplicateKeysHoweverWritten(text: String) {
        #expect(throws: YAMLSyntaxError.self) { try SourceDocument.parse(text) }
    }

    @Test func aliasesCopyTheAnchoredNodeAndMustBeDefinedInTheirDocument() throws {
        let root = try #require(try SourceDocument.parse("base: &b {x: 1}\ncopy: *b\n").first?.root)
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs[1].value == pairs[0].value)
        #expect(pairs[1].value.location == SourceLocation(line: 1, column: 7))
        do {
            _ = try SourceDocument.parse("a: &b 1\n---\nc: *b\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.problem == "found undefined alias")
            #expect(error.location == SourceLocation(line: 3, column: 4))
        }
    }

    @Test func keepsTagsAndStylesOfScalars() throws {
        let root = try #require(try SourceDocument.parse("a: !!str 1\nb: '2'\nc: |\n  x\nd: ! 3\ne: 4\n").first?.root)
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        let scalars = pairs.compactMap(\.value.scalar)
        #expect(scalars.map(\.explicitTag) == ["tag:yaml.org,2002:str", "tag:yaml.org,2002:str", "tag:yaml.org,2002:str", nil, nil])
        #expect(scalars.map(\.isPlain) == [true, false, false, true, true])
        #expect(root.jsonValue == .object(["a": .string("1"), "b": .string("2"), "c": .string("x\n"), "d": .int(3), "e": .int(4)]))
    }

    /// Nesting is composed on a heap stack, and libyaml refuses nesting past 1,000 levels: a
    /// very deep document is an error with its place, not a crash.
    @Test func readsDeepDocumentsAndRefusesAbsurdNesting() throws {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        var node = try #require(try SourceDocument.parse(nested(900)).first?.root)
        var levels = 0
        while case .sequence(let items) = node.content, let first = items.first { node = first; levels += 1 }
        #expect(levels == 899)
        do {
            _ = try SourceDocument.parse(nested(50_000))
            Issue.record("expected an error")
        } catch {
            #expect(error.problem.contains("nesting"))
            #expect(error.location != nil)
        }
    }

    @Test func refusesAliasBombs() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        #expect(throws: YAMLSyntaxError.self) { try SourceDocument.parse(text) }
    }
}
