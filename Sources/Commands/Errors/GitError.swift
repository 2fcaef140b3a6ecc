/// Why git could not be read, in the style of AsyncHTTPClient's `HTTPClientError`: a code to
/// match on and one ``description`` switch that writes the message (exit 2).
struct GitError: ReportableError, Equatable {
    /// What went wrong.
    enum Code: Equatable {
        /// The git program could not be started.
        case cannotRun(reason: String)
        /// `git COMMAND` exited non-zero; git's own message, or its exit status.
        case failed(command: String, message: String)
        /// `git cat-file --batch` answered with a header that is not `SHA TYPE SIZE`.
        case unreadableObject(header: String)
        /// The folder of the file to import does not exist.
        case noFolder(file: String, folder: String)
        /// The file's folder is not inside a git repository.
        case notARepository(file: String)
    }

    /// What went wrong.
    let code: Code

    /// The git program could not be started.
    static func cannotRun(_ reason: String) -> GitError { GitError(code: .cannotRun(reason: reason)) }
    /// `git command` failed with `message` (git's standard error, or its exit status).
    static func failed(_ command: String, message: String) -> GitError {
        GitError(code: .failed(command: command, message: message))
    }
    /// `git cat-file` answered `header`, which cannot be read.
    static func unreadableObject(_ header: String) -> GitError { GitError(code: .unreadableObject(header: header)) }
    /// The folder of `file` does not exist.
    static func noFolder(file: String, folder: String) -> GitError { GitError(code: .noFolder(file: file, folder: folder)) }
    /// `file` is not inside a git repository.
    static func notARepository(file: String) -> GitError { GitError(code: .notARepository(file: file)) }

    var description: String {
        switch code {
        case .cannotRun(let reason):
            ErrorReport.line("cannot run git: \(reason); install git to import from a repository")
        case .failed(let command, let message):
            ErrorReport.line("git \(command) failed: \(message)")
        case .unreadableObject(let header):
            ErrorReport.line("git cat-file: cannot read '\(header)'")
        case .noFolder(let file, let folder):
            ErrorReport.line("no such folder '\(folder)'", at: file)
        case .notARepository(let file):
            ErrorReport.line("not inside a git repository", at: file)
        }
    }
}
