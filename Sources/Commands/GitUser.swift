import Foundation

/// The git identity configured for a folder, read with the git command-line tool.
public enum GitUser {
    /// `Name <email>` (or just the name) from `git config` in `folder`; `nil` when git is
    /// missing, the folder is not in a repository, or no user is configured.
    @Sendable public static func lookup(_ folder: String) -> String? {
        guard let inside = git(["rev-parse", "--is-inside-work-tree"], in: folder), inside == "true",
            let name = git(["config", "user.name"], in: folder), !name.isEmpty
        else { return nil }
        if let email = git(["config", "user.email"], in: folder), !email.isEmpty { return "\(name) <\(email)>" }
        return name
    }

    private static func git(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
