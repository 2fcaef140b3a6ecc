import Commands
import Foundation
import Testing

/// docs/commands.md is generated from the command tree; it must say what `--help` says.
@Suite struct CommandReferenceTests {
    static let file = CLIHarness.root.appendingPathComponent("docs/commands.md")

    /// Fails when docs/commands.md is stale; with DSLEDGER_UPDATE_DOCS=1 it rewrites the file instead
    /// (scripts/generate-command-reference).
    @Test func docsCommandsMatchesTheCommandTree() throws {
        let generated = CommandReference.markdown()
        if ProcessInfo.processInfo.environment["DSLEDGER_UPDATE_DOCS"] == "1" {
            try generated.write(to: Self.file, atomically: true, encoding: .utf8)
            return
        }
        let current = try? String(contentsOf: Self.file, encoding: .utf8)
        #expect(current == generated, "docs/commands.md is out of date: run scripts/generate-command-reference")
    }

    @Test func everyCommandHasItsHelpInTheReference() async {
        let reference = CommandReference.markdown()
        for command in ["dsledger", "dsledger render", "dsledger import git", "dsledger import cluster", "dsledger ledger copy"] {
            #expect(reference.contains("\n## \(command)\n"), "no section for \(command)")
        }
        let help = await CLIHarness().run(["ledger", "copy", "--help"])
        #expect(help.code == 0)
        #expect(reference.contains("USAGE: dsledger ledger copy --from <PATH|URL>"))
        #expect(help.stdout.contains("USAGE: dsledger ledger copy --from <PATH|URL>"))
        #expect(!reference.contains(" \n"), "trailing blanks")
    }
}
