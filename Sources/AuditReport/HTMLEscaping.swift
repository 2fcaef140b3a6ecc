import ObjectModel
import Plot

/// Escaping of untrusted text (commit messages, authors, tickets, paths) for the HTML report.
///
/// Plot 0.14's own `.text` keeps anything shaped like an entity (`&amp;` stays `&amp;`, so a
/// message reading `&lt;` would show as `<`), and Plot writes attribute values as given. Every
/// text of the report therefore goes through ``html(_:)``, by ``Node/plain(_:)`` and
/// ``Node/safeAttribute(_:_:)``: `&`, `<`, `>`, `"` and `'` become references, and control
/// characters, which HTML forbids, are shown escaped (`\x1b`) by the same rule as plain-text
/// output (``ControlCharacters``) rather than passed to the reader.
enum HTMLEscaping {
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if ControlCharacters.isEscaped(scalar) {
                    out += ControlCharacters.visible(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension Node {
    /// Untrusted text, escaped (see ``HTMLEscaping``).
    static func plain(_ text: String) -> Node { .raw(HTMLEscaping.html(text)) }

    /// An attribute whose value is escaped (see ``HTMLEscaping``).
    static func safeAttribute(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: HTMLEscaping.html(value))
    }

    /// `class="…"` for a fixed class name of the report's own.
    static func css(_ names: String) -> Node { .attribute(named: "class", value: names) }
}

extension Node where Context == HTML.BodyContext {
    /// A list of facts, label then value, as the report's summaries show them.
    static func factList(_ rows: [(String, Node<HTML.BodyContext>)]) -> Node {
        .dl(.css("facts"), .group(rows.map { Node<HTML.DescriptionListContext>.group(.dt(.plain($0.0)), .dd($0.1)) }))
    }
}
