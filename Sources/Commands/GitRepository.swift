import Foundation
import Importing

/// A file in a git repository, read through the git command-line tool.
struct GitRepository {
    /// The repository's top-level folder.
    let root: String
    /// The file's path relative to `root`, as it is named today.
    let path: String

    /// The repository holding `file` (which need not exist any more in the working tree).
    static func locate(file: String) throws -> GitRepository {
        let folder = (file as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GitError.noFolder(file: file, folder: directory)
        }
        let answer = try text(GitProcess.run(["rev-parse", "--show-toplevel", "--show-prefix"], in: directory))
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let root = lines.first, !root.isEmpty else {
            throw GitError.notARepository(file: file)
        }
        let prefix = lines.count > 1 ? lines[1] : ""
        return GitRepository(root: root, path: prefix + (file as NSString).lastPathComponent)
    }

    /// Every committed version of the file, oldest first, following renames: one `git log`.
    ///
    /// - Parameters:
    ///   - branch: where to start (default `HEAD`).
    ///   - since: a commit; only versions committed after it.
    func versions(branch: String?, since: String?) throws -> [GitVersion] {
        let tip = branch ?? "HEAD"
        let range = since.map { "\($0)..\(tip)" } ?? tip
        let output = try GitProcess.run([
            "log", "--follow", "--raw", "-z", "--no-abbrev", "--date-order", "--diff-merges=first-parent",
            // --end-of-options: the range is never read as an option, whatever --branch or --since say.
            "--no-color", "--no-ext-diff", "--format=" + GitLogParser.format, "--end-of-options", range, "--", path,
        ], in: root)
        return GitLogParser.versions(output).reversed()
    }

    /// The contents of `blobs`, by id, streamed by one `git cat-file --batch`.
    func contents(of blobs: [String]) throws -> [String: Data] {
        let unique = Array(Set(blobs))
        let input = Data(unique.map { $0 + "\n" }.joined().utf8)
        let output = try GitProcess.run(["cat-file", "--batch"], in: root, input: input)
        return try CatFileParser.blobs(output)
    }

    private static func text(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

/// Reads `git cat-file --batch` output: `<id> <type> <size>\n<contents>\n` per object.
enum CatFileParser {
    static func blobs(_ output: Data) throws -> [String: Data] {
        var found: [String: Data] = [:]
        try output.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var position = 0
            while position < bytes.count {
                guard let newline = bytes[position...].firstIndex(of: 10) else { break }
                let header = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<newline]), as: UTF8.self)
                let parts = header.split(separator: " ")
                guard parts.count == 3, let size = Int(parts[2]), newline + 1 + size <= bytes.count else {
                    throw GitError.unreadableObject(header)
                }
                found[String(parts[0])] = Data(UnsafeBufferPointer(rebasing: bytes[(newline + 1)..<(newline + 1 + size)]))
                position = newline + 2 + size
            }
        }
        return found
    }
}
