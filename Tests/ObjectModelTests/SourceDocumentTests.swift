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
