import Foundation
@testable import Importing
import ObjectModel
import Testing
import TestSupport

/// A text read by the import's parse stage gives exactly what a parse gives (documents,
/// positions, errors), whether the stage edits the last version's documents or parses again.
@Suite struct IncrementalParseTests {
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

    static func viaStage(_ text: String, _ stage: inout IncrementalParse) -> Result<[SourceDocument], YAMLSyntaxError> {
        Result { () throws(YAMLSyntaxError) in try stage.documents(of: text) }
    }

    @Test("random edits of every example and stream read as a parse reads them")
    func randomEditsMatchAParse() {
        var random = SplitMix(seed: 0x5eed_7a65)
        var stage = IncrementalParse()
        var versions = 0
        for base in Self.examples + Self.handmade {
            for round in 0..<30 {
                var text = base
                _ = Self.viaStage(text, &stage)
                // A run of versions, each an edit of the one before, as a git history is.
                for _ in 0..<5 {
                    text = TextEdits.edited(text, &random, nearValues: round % 4 != 0)
                    let expected = Self.parsed(text)
                    let got = Self.viaStage(text, &stage)
                    versions += 1
                    switch (expected, got) {
                    case (.success(let want), .success(let have)):
                        #expect(want == have, "edit of \(base.prefix(40).debugDescription) read differently: \(text.debugDescription)")
                    case (.failure(let want), .failure(let have)):
                        #expect(want == have)
                    default:
                        Issue.record("parse and stage disagree on \(text.debugDescription)")
                    }
                }
            }
        }
        // The edit path must have been taken often, or this test proves nothing.
        #expect(stage.edits > versions / 8, "only \(stage.edits) of \(versions) versions were edits")
    }

    @Test("an image tag change is an edit; a structural change is a parse")
    func tagChangeIsAnEdit() throws {
        var stage = IncrementalParse()
        let first = try #require(Self.examples.first { $0.contains("tag: \"3.1.9\"") })
        _ = try stage.documents(of: first)
        let second = first.replacingOccurrences(of: "tag: \"3.1.9\"", with: "tag: \"3.2.10\"")
        #expect(try stage.documents(of: second) == SourceDocument.parse(second))
        #expect(stage.edits == 1)
        // A comment line moves every node below it: parsed again.
        let third = second.replacingOccurrences(of: "\nspec:", with: "\n# note\nspec:")
        #expect(try stage.documents(of: third) == SourceDocument.parse(third))
        #expect(stage.edits == 1)
        // The same text again needs no work.
        #expect(try stage.documents(of: third) == SourceDocument.parse(third))
        #expect(stage.edits == 2)
    }

    @Test("a text that fails to parse leaves nothing to edit from")
    func failureForgets() throws {
        var stage = IncrementalParse()
        _ = try stage.documents(of: "a: \"1\"\n")
        #expect(throws: YAMLSyntaxError.self) { try stage.documents(of: "a: \"1\n") }
        #expect(try stage.documents(of: "a: \"2\"\n") == SourceDocument.parse("a: \"2\"\n"))
        #expect(stage.edits == 0)
    }
}
