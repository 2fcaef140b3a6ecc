import Foundation
import ObjectModel

/// The git identity configured for a folder, read with the git command-line tool.
public enum GitUser {
    /// `Name <email>` from git's author identity for `folder` (`git var GIT_AUTHOR_IDENT`, so
    /// `user.name` and `user.email` from every level of git's configuration, or
    /// `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`); `nil` when git is missing, the folder is not in a
    /// work tree, or the name or email is not configured (git is told never to guess them).
    ///
    /// One git process, started only inside a work tree: a recording `render` pays for it on
    /// every run.
    @Sendable public static func lookup(_ folder: String) -> String? {
        guard isInWorkTree(folder),
              let output = ChildProcess.output(["git", "-C", folder, "-c", "user.useConfigOnly=true", "var", "GIT_AUTHOR_IDENT"])
        else { return nil }
        return identity(String(decoding: output, as: UTF8.self))
    }

    /// `Name <email>` from an ident line `Name <email> 1733300000 +0000`; `nil` without a name.
    static func identity(_ ident: String) -> String? {
        let line = ident.trimmingWhitespace()
        guard let close = line.lastIndex(of: ">"), let open = line[..<close].lastIndex(of: "<") else { return nil }
        let name = line[..<open].trimmingWhitespace()
        guard !name.isEmpty else { return nil }
        return "\(name) \(line[open...close])"
    }

    /// True when `folder` or a folder above it holds `.git` (a repository, or the file of a
    /// linked work tree or submodule), or git's own `GIT_DIR` is set.
    static func isInWorkTree(_ folder: String) -> Bool {
        // The git child inherits this process's environment, so that is the one to ask (and
        // `getenv` does not build all of it, as `ProcessInfo.environment` does).
        if getenv("GIT_DIR") != nil { return true }
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            if access(url.appendingPathComponent(".git").path, F_OK) == 0 { return true }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return false }
            url = parent
        }
    }
}
