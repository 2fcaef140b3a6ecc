import Foundation

/// What a command may touch outside itself: output streams, files, standard input and the
/// environment. The executable passes the real ones; tests pass their own and run commands
/// in-process.
public struct CommandContext: Sendable {
    public var writeOutput: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    public var readFile: @Sendable (String) throws -> Data
    public var readStandardInput: @Sendable () -> Data
    public var environment: [String: String]
    /// The current time (recorded revisions and events are stamped with it).
    public var now: @Sendable () -> Date
    /// `Name <email>` of the git user configured for a folder, when it is in a repository.
    public var gitUser: @Sendable (_ folder: String) -> String?
    /// True when standard output is a terminal (colour is then on, unless NO_COLOR is set).
    public var outputIsTerminal: Bool
    /// True when a command may trap SIGINT and SIGTERM for the process (an apply then records
    /// that it was cancelled); false for commands run in-process by tests.
    public var catchesSignals: Bool

    public init(writeOutput: @escaping @Sendable (String) -> Void,
                writeError: @escaping @Sendable (String) -> Void,
                readFile: @escaping @Sendable (String) throws -> Data,
                readStandardInput: @escaping @Sendable () -> Data,
                environment: [String: String],
                now: @escaping @Sendable () -> Date = { Date() },
                gitUser: @escaping @Sendable (String) -> String? = GitUser.lookup,
                outputIsTerminal: Bool = false,
                catchesSignals: Bool = false) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readFile = readFile
        self.readStandardInput = readStandardInput
        self.environment = environment
        self.now = now
        self.gitUser = gitUser
        self.outputIsTerminal = outputIsTerminal
        self.catchesSignals = catchesSignals
    }

    /// The process's own streams, files and environment, made once.
    public static let process: CommandContext = {
        CommandContext(
            writeOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            readFile: { path in try Data(contentsOf: URL(fileURLWithPath: path)) },
            readStandardInput: { FileHandle.standardInput.readDataToEndOfFile() },
            environment: processEnvironment(),
            outputIsTerminal: isatty(STDOUT_FILENO) == 1,
            catchesSignals: true)
    }()

    /// The process's environment, read from `environ` (Foundation's `ProcessInfo` builds more than
    /// a command needs before it can start). The first of two equal names wins, as `getenv` does.
    static func processEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                if environment[name] == nil { environment[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return environment
    }

    /// The context of the command being run.
    @TaskLocal public static var current: CommandContext = .process
}
