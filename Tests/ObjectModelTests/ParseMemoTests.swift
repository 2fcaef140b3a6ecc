import Foundation
import ObjectModel
import Testing
import TestSupport

/// A text read through a ``ParseMemo`` gives exactly what a parse gives (documents, positions,
/// errors), whether the memo edits the last text's documents or parses again.
@Suite struct ParseMemoTests {
    static let examples = TextEdits.examples

    /// Streams with what the edit must refuse or handle: flow collections, keys, multi-line and
    /// escaped scalars, several documents, tags, anchors, CRLF, non-ASCII.
    static let handmade = [
        "a: \"1.0\"\nb: 'x y'\nc: plain-1.2  # note\nd: [p, \"q\", 3]\ne: {f: g, h: \"i\"}\n",
        "k: \"esc\\taped\"\nm: 'it''s'\nn: folded\n  plain\no: \"two\n  lines\"\np: !!str 12\n",
        "---\nname: one\nimage: \"r/a:1\"\n---\nname: two\nimage: \"r/b:2\"\n...\n",
        "x: &anchor \"v1\"\ny: *anchor\n",
        "a: \"1\"\r\nb: plain\r\nc:\r\n  - \"item\"\r\n  - other\r\n",
        "a: \"é1\"\nb: \"2\"\n",
        "\"root scalar\"\n",
        "list:\n- \"a\"\n- b\n- {c: \"d\"}\nkey with spaces: v\n? complex\n: value\n",
        "m: {\n  a: \"x\",\n  b: y\n}\n",
    ]

    /// The documents, or the error, a plain parse gives.
    static func parsed(_ text: String) -> Result<[SourceDocument], YAMLSyntaxError> {
        Result { () throws(YAMLSyntaxError) in try SourceDocument.parse(text) }
    }

    static func viaMemo(_ text: String, _ memo: ParseMemo) -> Result<[SourceDocument], YAMLSyntaxError> {
        Result { () throws(YAMLSyntaxError) in try SourceDocument.parse(text, memo: memo) }
    }

    @Test("random edits of every example and stream read as a parse reads them")
    func randomEditsMatchAParse() {
        var random = SplitMix(seed: 0x5eed_7a65)
        let memo = ParseMemo()
        var versions = 0
        for base in Self.examples + Self.handmade {
            for round in 0..<30 {
                var text = base
                _ = Self.viaMemo(text, memo)
                // A run of versions, each an edit of the one before, as a git history is.
                for _ in 0..<5 {
                    text = TextEdits.edited(text, &random, nearValues: round % 4 != 0)
                    let expected = Self.parsed(text)
                    let got = Self.viaMemo(text, memo)
                    versions += 1
                    switch (expected, got) {
                    case (.success(let want), .success(let have)):
                        #expect(want == have, "edit of \(base.prefix(40).debugDescription) read differently: \(text.debugDescription)")
                    case (.failure(let want), .failure(let have)):
                        #expect(want == have)
                    default:
                        Issue.record("parse and memo disagree on \(text.debugDescription)")
                    }
                }
            }
        }
        // The edit path must have been taken often, or this test proves nothing.
        #expect(memo.edits > versions / 8, "only \(memo.edits) of \(versions) versions were edits")
    }

    @Test("an image tag change is an edit; a structural change is a parse")
    func tagChangeIsAnEdit() throws {
        let memo = ParseMemo()
        let first = try #require(Self.examples.first { $0.contains("tag: \"3.1.9\"") })
        _ = try SourceDocument.parse(first, memo: memo)
        let second = first.replacingOccurrences(of: "tag: \"3.1.9\"", with: "tag: \"3.2.10\"")
        #expect(try SourceDocument.parse(second, memo: memo) == SourceDocument.parse(second))
        #expect(memo.edits == 1)
        // A comment line moves every node below it: parsed again.
        let third = second.replacingOccurrences(of: "\nspec:", with: "\n# note\nspec:")
        #expect(try SourceDocument.parse(third, memo: memo) == SourceDocument.parse(third))
        #expect(memo.edits == 1)
        // The same text again needs no work.
        #expect(try SourceDocument.parse(third, memo: memo) == SourceDocument.parse(third))
        #expect(memo.edits == 2)
    }

    @Test("a text that fails to parse leaves nothing to edit from")
    func failureForgets() throws {
        let memo = ParseMemo()
        _ = try SourceDocument.parse("a: \"1\"\n", memo: memo)
        #expect(throws: YAMLSyntaxError.self) { try SourceDocument.parse("a: \"1\n", memo: memo) }
        #expect(try SourceDocument.parse("a: \"2\"\n", memo: memo) == SourceDocument.parse("a: \"2\"\n"))
        #expect(memo.edits == 0)
    }
}
