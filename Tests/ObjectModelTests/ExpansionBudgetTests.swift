import ObjectModel
import Testing

/// The budget of ``SourceDocument/parse(_:)``: what a stream expands to, aliases counted each time
/// they are used, in nodes and in bytes of scalar text.
@Suite struct ExpansionBudgetTests {
    @Test func aLargeStringNamedManyTimesIsRefusedAtTheAliasThatPassesTheBudget() {
        let big = String(repeating: "b", count: 1 << 20)
        let text = "command: [&b \(big)]\nargs: [" + Array(repeating: "*b", count: 100_000).joined(separator: ", ") + "]\n"
        let started = ContinuousClock.now
        #expect {
            try SourceDocument.parse(text)
        } throws: { error in
            // Keys (14 bytes) and the string: the 31st alias passes 32 MiB; column 8 + 30 × 4.
            let error = error as? YAMLSyntaxError
            return error?.location == SourceLocation(line: 2, column: 128)
                && error?.problem == "the document expands to more than 32 MiB of text, the limit (aliases count each time they are used)"
        }
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func nestedAliasesAreCountedWithoutBeingCopied() {
        var text = "s0: &s0 \"" + String(repeating: "n", count: 65_536) + "\"\n"
        for level in 1...4 {
            text += "s\(level): &s\(level) [" + Array(repeating: "*s\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(throws: YAMLSyntaxError.self) { try SourceDocument.parse(text) }
        // Three levels (1,000 copies, 64 MB) are past the budget too; two (100 copies, 6.5 MB) are not.
        let two = text.split(separator: "\n").prefix(3).joined(separator: "\n") + "\n"
        #expect(throws: Never.self) { try SourceDocument.parse(two) }
    }

    @Test func theNodeBudgetStillHolds() {
        let many = "[" + Array(repeating: "a", count: SourceDocument.nodeLimit).joined(separator: ", ") + "]"
        #expect {
            try SourceDocument.parse(many)
        } throws: { error in
            (error as? YAMLSyntaxError)?.problem == "the document expands to more than 200000 nodes (too many aliases?)"
        }
    }

    @Test func aStreamWithoutAliasesUnderTheBudgetIsRead() throws {
        let documents = try SourceDocument.parse("a: \"" + String(repeating: "x", count: 4 << 20) + "\"\n")
        #expect(documents.count == 1)
    }
}
