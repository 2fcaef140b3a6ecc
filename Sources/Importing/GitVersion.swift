import Foundation

/// One committed version of a file: the commit that wrote it and the blob it wrote.
package struct GitVersion: Sendable, Hashable {
    /// The full commit id.
    package var commit: String
    /// `Name <email>` of the commit's author.
    package var author: String
    /// The author's time.
    package var time: Date
    /// The whole commit message, trailing blank lines removed.
    package var message: String
    /// The file's path in that commit, relative to the repository's root (it follows renames).
    package var path: String
    /// The full id of the file's blob in that commit.
    package var blob: String

    /// The first seven characters of the commit id.
    package var shortCommit: String { String(commit.prefix(7)) }
}

/// Reads `git log --follow --raw -z` output into versions.
package enum GitLogParser {
    /// The `--format` the parser reads: a start mark, then id, author, time and message, each
    /// ended by a unit separator; the raw diff entries follow, NUL-separated.
    package static let format = "%x01%H%x1f%an <%ae>%x1f%at%x1f%B%x1f"

    /// The versions in the order git printed them; commits that deleted the file, or whose
    /// entry is not a regular file, are left out. Split on bytes: the separators are ASCII
    /// controls, which never occur inside a UTF-8 sequence.
    package static func versions(_ output: Data) -> [GitVersion] {
        let bytes = [UInt8](output)
        return bytes.split(separator: 0x01).compactMap(version)
    }

    private static func version(_ chunk: ArraySlice<UInt8>) -> GitVersion? {
        let fields = chunk.split(separator: 0x1F, maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count == 5, let seconds = TimeInterval(text(fields[2])) else { return nil }
        // The raw entries stay bytes until the two tokens kept: thousands of commits are read.
        let tokens = fields[4].split(separator: 0).map(trimmed)
        guard let start = tokens.firstIndex(where: { $0.first == UInt8(ascii: ":") }) else { return nil }
        // `:old-mode new-mode old-blob new-blob status`, then one path (two for a rename or copy).
        let entry = tokens[start].dropFirst().split(separator: UInt8(ascii: " "))
        guard entry.count == 5, entry[1].starts(with: "100".utf8), let status = entry[4].first, status != UInt8(ascii: "D") else {
            return nil
        }
        let pathCount = (status == UInt8(ascii: "R") || status == UInt8(ascii: "C")) ? 2 : 1
        guard tokens.count >= start + 1 + pathCount else { return nil }
        var message = text(fields[3])
        while message.last?.isWhitespace == true { message.removeLast() }
        return GitVersion(commit: text(fields[0]), author: text(fields[1]), time: Date(timeIntervalSince1970: seconds),
                          message: message, path: text(tokens[start + pathCount]), blob: text(entry[3]))
    }

    /// Without leading and trailing ASCII white space (git separates entries with newlines).
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
