/// The one rule for showing untrusted text (commit messages, authors, change causes, event
/// messages, pod logs, API server messages, tickets and reasons) to a person.
///
/// A control character written to a terminal is a command: `ESC [2J` clears the screen, `ESC ]0;…`
/// retitles the window, `CR` overwrites the line already shown. Plain-text output therefore shows
/// each one escaped, as text: `\x1b`, `\r`, `\n`, `\t`, `\u{fffe}`. JSON output needs none of this
/// (its own escaping already keeps the text exact), nor does YAML (libyaml escapes them).
///
/// The HTML report uses ``isEscaped(_:)`` and ``visible(_:)`` too, so the two agree.
public enum ControlCharacters {
    /// C0 and C1 controls (tab and newline included), DEL, and Unicode noncharacters.
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    /// A character ``isEscaped(_:)`` refuses, as text: `\n`, `\r`, `\t`, `\x1b`, `\u{fffe}`.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let hex = String(scalar.value, radix: 16)
            return scalar.value <= 0xFF ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
        }
    }

    /// `text` with every control character shown escaped, but those in `kept`.
    ///
    /// - Parameters:
    ///   - text: untrusted text.
    ///   - kept: characters passed through, such as `"\n"` for text whose lines are the
    ///     program's own (an error report of several lines).
    /// - Returns: `text` itself when it holds nothing to escape.
    public static func escaped(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isEscaped($0) && !kept.contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isEscaped(scalar), !kept.contains(scalar) {
                out += visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// The string with every control character, newlines included, shown escaped: untrusted text
    /// for one line of plain-text output (see ``ControlCharacters``).
    public var escapingControlCharacters: String { ControlCharacters.escaped(self) }

    /// True when the string holds a character ``ControlCharacters/isEscaped(_:)`` names: no
    /// image reference, name or tag may.
    public var containsControlCharacters: Bool { unicodeScalars.contains(where: ControlCharacters.isEscaped) }
}
