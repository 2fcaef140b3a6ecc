import Foundation

/// Splits a migration file into its statements: postgres-nio sends each query as one prepared
/// statement, which holds one command. Semicolons inside quotes, dollar quotes (`$$ … $$`,
/// `$body$ … $body$`) and comments do not split.
enum SQLStatements {
    static func split(_ sql: String) -> [String] {
        let characters = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                // A comment runs to the end of the line; it is dropped.
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            case "'":
                let end = closing(characters, from: index + 1, quote: ["'"])
                current.append(contentsOf: characters[index..<end])
                index = end
                continue
            case "$":
                var tagEnd = index + 1
                while tagEnd < characters.count, characters[tagEnd] == "_" || characters[tagEnd].properties.isAlphabetic { tagEnd += 1 }
                if tagEnd < characters.count, characters[tagEnd] == "$" {
                    let tag = Array(characters[index...tagEnd])
                    let end = closing(characters, from: tagEnd + 1, quote: tag)
                    current.append(contentsOf: characters[index..<end])
                    index = end
                    continue
                }
            case ";":
                flush()
                index += 1
                continue
            default:
                break
            }
            current.append(character)
            index += 1
        }
        flush()
        return statements
    }

    /// The index just past the first `quote` from `start` (or the end of the text).
    private static func closing(_ characters: [Unicode.Scalar], from start: Int, quote: [Unicode.Scalar]) -> Int {
        var index = start
        while index + quote.count <= characters.count {
            if Array(characters[index..<index + quote.count]) == quote { return index + quote.count }
            index += 1
        }
        return characters.count
    }
}
