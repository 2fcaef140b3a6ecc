import Foundation

/// Random edits of manifest texts, for the tests of reading a run of versions through one import pipeline.
public enum TextEdits {
    /// Every example manifest in `examples/`, in name order.
    public static let examples: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()) ?? []
        return names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }()

    /// What an edit inserts: characters a value may take, and snippets that end a token or
    /// change what it is.
    public static let safe = Array("abcXYZ0189._-/+").map(String.init)
    public static let risky = [" #x", ": y", ":z", ", w", "]", "}", "[", "{", "\"", "'", "''", "\\", "\\t", "\t", "\n", "\n  ", " ",
                        "é", "&a ", "*a", "!t ", "- ", "# ", "%", "@", "`", "|", ">", "?", "~", "null", "0x1F", "1e3"]

    /// `text` with one random edit (up to three characters out, up to three in), when
    /// `nearValues` mostly just inside a value after `key: `.
    public static func edited(_ text: String, _ random: inout SplitMix, nearValues: Bool) -> String {
        var characters = Array(text)
        let values = characters.indices.dropLast(2).filter { characters[$0] == ":" && characters[$0 + 1] == " " && characters[$0 + 2] != "\n" }
        let position: Int
        if nearValues, !values.isEmpty {
            let value = values[Int.random(in: 0..<values.count, using: &random)] + 2
            let inside = characters[value] == "\"" || characters[value] == "'" ? 1 : 0
            position = min(characters.count, value + inside + [0, 1, 2, 3, -1, 0, 1][Int.random(in: 0..<7, using: &random)])
        } else {
            position = Int.random(in: 0...characters.count, using: &random)
        }
        let start = max(0, position)
        let removed = min(characters.count - start, Int.random(in: 0...(nearValues ? 1 : 3), using: &random))
        let inserted = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            // Mostly safe characters, so that many edits are taken rather than refused.
            Int.random(in: 0..<4, using: &random) == 0 ? risky[Int.random(in: 0..<risky.count, using: &random)]
                : safe[Int.random(in: 0..<safe.count, using: &random)]
        }
        characters.replaceSubrange(start..<(start + removed), with: Array(inserted.joined()))
        return String(characters)
    }
}
