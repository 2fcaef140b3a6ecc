import ArgumentParser
import Foundation

/// The command reference, `docs/commands.md`, generated from the argument-parser command tree.
///
/// Every command the user can reach (``RootCommand`` and its subcommands, depth first, in the
/// order `--help` lists them) gets a section holding exactly what `dsledger COMMAND --help`
/// prints: abstract, usage, options and discussion. The help is rendered at a fixed width, so
/// the document is the same on every machine and terminal. `scripts/generate-command-reference`
/// rewrites the file; a test fails when the file differs from what this type generates.
public enum CommandReference {
    /// The width the help screens are wrapped at in the document.
    public static let columns = 120

    /// One reachable command: its full name (`dsledger ledger copy`) and its type.
    struct Entry {
        var name: String
        var command: ParsableCommand.Type
    }

    /// The whole document, Markdown, ending with a newline.
    public static func markdown() -> String {
        let entries = commands()
        var text = """
            # Command reference

            Generated from the command line's own help (`dsledger COMMAND --help`) by
            `scripts/generate-command-reference`; do not edit by hand. A test fails when this file
            is out of date.

            | command | what it does |
            | --- | --- |

            """
        for entry in entries {
            let abstract = entry.command.configuration.abstract.replacingOccurrences(of: "|", with: "\\|")
            text += "| [`\(entry.name)`](#\(anchor(entry.name))) | \(abstract) |\n"
        }
        for entry in entries {
            text += "\n## \(entry.name)\n\n```text\n\(help(for: entry.command))\n```\n"
        }
        return text
    }

    /// Every command reachable from ``RootCommand`` that `--help` shows, depth first.
    static func commands() -> [Entry] {
        var entries: [Entry] = []
        func visit(_ command: ParsableCommand.Type, prefix: String) {
            let name = prefix.isEmpty ? command._commandName : "\(prefix) \(command._commandName)"
            entries.append(Entry(name: name, command: command))
            for sub in command.configuration.subcommands where sub.configuration.shouldDisplay {
                visit(sub, prefix: name)
            }
        }
        visit(RootCommand.self, prefix: "")
        return entries
    }

    /// The `--help` screen of `command` at ``columns``, without trailing blanks.
    static func help(for command: ParsableCommand.Type) -> String {
        RootCommand.helpMessage(for: command, includeHidden: false, columns: columns)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }
            .joined(separator: "\n")
            .trimmingCharacters(in: .newlines)
    }

    /// GitHub's anchor for a heading made of lowercase words: spaces become hyphens.
    static func anchor(_ heading: String) -> String {
        heading.lowercased().replacingOccurrences(of: " ", with: "-")
    }
}
