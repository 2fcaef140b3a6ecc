import ObjectModel
import Testing

/// How untrusted text is shown in plain-text output.
@Suite struct ControlCharactersTests {
    @Test func controlCharactersAreShownEscaped() {
        let hostile = "fix\u{1B}[2J\u{1B}]0;pwned\u{07}\r\nnext\tcol\u{7F}\u{9B}\u{FFFE}"
        #expect(hostile.escapingControlCharacters == "fix\\x1b[2J\\x1b]0;pwned\\x07\\r\\nnext\\tcol\\x7f\\x9b\\u{fffe}")
        #expect(ControlCharacters.escaped(hostile, keeping: ["\n"]) == "fix\\x1b[2J\\x1b]0;pwned\\x07\\r\nnext\\tcol\\x7f\\x9b\\u{fffe}")
    }

    @Test func printableTextIsUnchanged() {
        for text in ["", "plain", "émoji 🚀 and CJK 漢字", "quotes 'x' \"y\" \\x1b as written"] {
            #expect(text.escapingControlCharacters == text)
        }
    }
}
