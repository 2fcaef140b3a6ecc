import ArgumentParser
import KubeAPI
import Ledger
import Importing
import ManifestModel
import ObjectModel

/// An error the command line reports in its own words: ``description`` is the whole message,
/// one line per problem, each `PLACE: error: WHAT; WHAT TO DO`; ``exitStatus`` is its code
/// (``ExitStatus/error`` unless the type says otherwise).
///
/// A message whose problem has no place (no file, no ledger) starts `error: `, and the report
/// names the tool there (`dsledger: error: …`). Error types of the modules below `Commands`
/// conform in an extension below, so they keep their own wording and `Commands` keeps the codes.
public protocol ReportableError: Error, CustomStringConvertible {
    /// The process's exit code for this error.
    var exitStatus: ExitStatus { get }
}

extension ReportableError {
    public var exitStatus: ExitStatus { .error }
}

extension StoreError: ReportableError {}
extension ManifestError: ReportableError {}
extension KubeconfigError: ReportableError {}
extension ImportError: ReportableError {}
extension RevisionDamage: ReportableError {
    public var exitStatus: ExitStatus { .ledgerDamaged }
}
extension PolicyDamage: ReportableError {
    public var exitStatus: ExitStatus { .ledgerDamaged }
}

/// The one place that writes errors: the `dsledger: error:` prefix, and which exit code each
/// thrown error gives.
enum ErrorReport {
    /// The name messages give the tool itself.
    static let program = "dsledger"

    /// `PLACE: error: TEXT`, the place being a file (`agent.yaml:3:5`), a ledger, or, when `nil`,
    /// the tool itself.
    static func line(_ text: String, at place: String? = nil) -> String {
        "\(place ?? program): error: \(text)"
    }

    /// `message` with the tool named where it names no place (it starts `error: `), and its
    /// control characters shown escaped but the newlines between its lines: an error may quote
    /// text from a manifest, a repository or the API server (``ControlCharacters``).
    static func placed(_ message: String) -> String {
        let shown = ControlCharacters.escaped(message, keeping: ["\n"])
        return shown.hasPrefix("error: ") ? "\(program): \(shown)" : shown
    }

    /// Writes `error` to standard error (or, for `--help` and `--version`, the text to standard
    /// output) and returns the exit code.
    ///
    /// argument-parser alone would exit 1 or 64 for a usage error; here every error that is not
    /// a finding exits 2 or more, and `ExitStatus` thrown by a command (a finding) exits with its
    /// code silently, the command having written its report.
    static func report(_ error: any Error, to context: CommandContext) -> Int32 {
        switch error {
        case let status as ExitStatus:
            return status.rawValue
        case let error as any ReportableError:
            let message = placed(error.description)
            context.writeError(message.hasSuffix("\n") ? message : message + "\n")
            return error.exitStatus.rawValue
        case let code as ExitCode:
            return code.rawValue
        default:
            let message = RootCommand.fullMessage(for: error)
            if RootCommand.exitCode(for: error) == .success {
                context.writeOutput(message.isEmpty ? "" : message + "\n")
                return ExitStatus.success.rawValue
            }
            context.writeError(message + "\n")
            return ExitStatus.error.rawValue
        }
    }
}

/// Several errors reported together, one after another: every problem of every `-f` file.
struct ErrorList: ReportableError {
    var errors: [any Error]

    var description: String {
        errors.map { ErrorReport.placed(String(describing: $0)) }.joined(separator: "\n")
    }
}
