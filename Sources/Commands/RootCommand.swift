import ArgumentParser
import Foundation
import Ledger
import ManifestModel

/// `dsledger`: render, record and audit Kubernetes DaemonSets from KubernetesDaemonSet manifests.
public struct RootCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dsledger",
        abstract: "Render, record and audit Kubernetes DaemonSets from KubernetesDaemonSet manifests.",
        discussion: """
            \(ExitStatus.helpText)

            Example:
              dsledger render -f examples/daemonset-log-collector-fluent-bit.yaml
            """,
        version: ToolVersion.current,
        subcommands: [Render.self, Lint.self, Apply.self, Rollback.self, History.self, Releases.self, Show.self, Diff.self, Drift.self, Doctor.self, Blame.self, Regenerate.self, Verify.self, Checkpoint.self, Report.self, PolicyGroup.self, KeyGroup.self, Import.self, LedgerGroup.self]
    )

    public init() {}

    /// Runs the command line `arguments` (without the program name) and returns the exit code.
    ///
    /// Every error ends here, in ``ErrorReport``: usage errors and bad input exit 2 (argument-parser
    /// alone would use 1 or 64), with one message on standard error and never a stack trace.
    public static func run(arguments: [String], context: CommandContext = .process) async -> Int32 {
        let stores = OpenStores()
        let code: Int32 = await CommandContext.$current.withValue(context) {
            await OpenStores.$current.withValue(stores) {
                do {
                    var command = try parseAsRoot(arguments)
                    if var asyncCommand = command as? AsyncParsableCommand {
                        try await asyncCommand.run()
                    } else {
                        try command.run()
                    }
                    return ExitStatus.success.rawValue
                } catch {
                    return ErrorReport.report(error, to: context)
                }
            }
        }
        await stores.closeAll()
        return code
    }
}

/// The tool's version, recorded with every revision.
public enum ToolVersion {
    public static let current = "0.3.0"
}
