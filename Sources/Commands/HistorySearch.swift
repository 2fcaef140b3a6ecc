import ArgumentParser
import Foundation
import Ledger
import ObjectModel

/// `history`'s questions across releases and time: `--all`, `--since`, `--until`, `--author`, `--image`.
struct HistorySearch: ParsableArguments {
    @Flag(help: "Every release's revisions, newest first, with a RELEASE column (leave out NAME).")
    var all = false

    @Option(help: ArgumentHelp("Revisions recorded at or after TIME (YYYY-MM-DD or RFC 3339; UTC unless an offset is given).",
                               valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Revisions recorded before TIME (exclusive).", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("Revisions whose author contains TEXT (ASCII letters in either case).", valueName: "text"))
    var author: String?

    @Option(help: ArgumentHelp("Revisions with a container image containing TEXT.", valueName: "text"))
    var image: String?

    /// True when a condition narrows the revisions listed.
    var filters: Bool { since != nil || until != nil || author != nil || image != nil }

    /// Checks the release is named exactly when `--all` is not given, and every TIME.
    func validate(name: String?, namespace: String?) throws {
        if all, name != nil || namespace != nil {
            throw ValidationError("--all lists every release: leave out NAME and --namespace")
        }
        if !all, name == nil { throw ValidationError("name a release, or give --all for every release") }
        for (flag, text) in [("--author", author), ("--image", image)] where text?.isEmpty == true {
            throw ValidationError("\(flag) needs some text to look for")
        }
        _ = try query()
    }

    /// The store's query (every release; the command sets the release when one is named).
    func query() throws -> RevisionQuery {
        let since = try QueryTime.parse(optional: since, flag: "--since"), until = try QueryTime.parse(optional: until, flag: "--until")
        if let since, let until, until <= since {
            throw ValidationError("--until (\(Timestamp.format(until))) must be after --since (\(Timestamp.format(since)))")
        }
        return RevisionQuery(since: since, until: until, author: author, image: image)
    }

    /// A release in JSON: `{"namespace": …, "name": …}`.
    static func json(_ release: ReleaseID) -> JSONValue {
        ["namespace": .string(release.namespace), "name": .string(release.name)]
    }
}
