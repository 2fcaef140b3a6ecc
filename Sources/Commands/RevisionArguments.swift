import ArgumentParser
import History
import Ledger

/// `NAME REV [-n NS]`: the release and revision a command works on.
struct RevisionArguments: ParsableArguments {
    @Argument(help: "The release (the manifest's metadata.name).")
    var name: String

    /// Taken with `.allUnrecognized` so that `-2` is a revision, not an unknown flag.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The revision: N, latest or -K.", valueName: "revision"))
    var revisionWords: [String] = []

    @Option(name: .shortAndLong, help: "The release's namespace (needed when several have the name).")
    var namespace: String?

    func validate() throws {
        guard revisionWords.count == 1 else {
            throw ValidationError(revisionWords.isEmpty ? "Missing expected argument '<revision>'" : "Unexpected argument '\(revisionWords[1])'")
        }
        if RevisionSelector(revisionWords[0]) == nil {
            throw ValidationError("invalid revision '\(revisionWords[0])'; use a number, 'latest' or -K (K revisions before latest)")
        }
    }

    var selector: RevisionSelector { RevisionSelector(revisionWords.first ?? "") ?? .latest }

    /// The release and the revision, with a clear error when either does not exist.
    func resolve(in store: any RevisionStore) throws -> (release: ReleaseID, revision: Revision) {
        let release = try ReleaseResolver.resolve(name: name, namespace: namespace, store: store)
        return (release, try ReleaseResolver.revision(selector, of: release, store: store))
    }
}
