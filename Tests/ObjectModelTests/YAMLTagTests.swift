import Testing
@testable import ObjectModel

@Suite struct YAMLTagTests {
    @Test func unknownTagsOnMappingsAndListsAreRejectedWithTheirPlace() {
        let error = #expect(throws: YAMLSyntaxError.self) {
            try SourceDocument.parse("a: 1\nb: !!python/object:os.system {}\n")
        }
        #expect(error?.problem == "unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'; a manifest holds only plain mappings, lists and scalars")
        #expect(error?.location == SourceLocation(line: 2, column: 4))
        #expect(throws: YAMLSyntaxError.self) { try SourceDocument.parse("a: !custom [1, 2]\n") }
    }

    @Test func standardTagsStayAllowed() throws {
        let documents = try SourceDocument.parse("a: !!map {b: 1}\nc: !!seq [1]\nd: !!str 1\n")
        #expect(documents.count == 1)
    }
}
