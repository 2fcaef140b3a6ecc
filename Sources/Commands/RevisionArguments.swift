import ArgumentParser
import History
import Ledger

/// `NAME REV [-n NS]`: the release and revision a command works on.
struct RevisionArguments: ParsableArguments {
    @Argument(help: "The release (the manifest's metadata.name).")
    var name: String

    /// Taken with `.allUnrecognized` so that `-2` is a revision, not an unknown flag.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The revision: N, latest, applied or -K.", valueName: "revision"))
    var revisionWords: [String] = []

    @Option(name: .shortAndLong, help: "The release's namespace (needed when several have the name).")
    var namespace: String?

    func validate() throws {
        _ = try RevisionWords.selectors(revisionWords, count: 1...1)
    }

    var selector: RevisionSelector { RevisionSelector(revisionWords.first ?? "") ?? .latest }

    /// The release and the revision, with a clear error when either does not exist.
    func resolve(in store: any RevisionStore) async throws -> (release: ReleaseID, revision: Revision) {
        let release = try await ReleaseResolver.resolve(name: name, namespace: namespace, store: store)
        return await (release, try ReleaseResolver.revision(selector, of: release, store: store))
    }
}

/// Revisions given as words taken with `.allUnrecognized` parsing, so that `-2` is a revision
/// rather than an unknown flag.
enum RevisionWords {
    /// The selectors, once there are `count` of them and each is `N`, `latest` or `-K`.
    static func selectors(_ words: [String], count: ClosedRange<Int>) throws -> [RevisionSelector] {
        guard count.contains(words.count) else {
            throw ValidationError(words.count < count.lowerBound ? "Missing expected argument '<revision>'"
                                  : "Unexpected argument '\(words[count.upperBound])'")
        }
        return try words.map { word in
            guard let selector = RevisionSelector(word) else {
                throw ValidationError("invalid revision '\(word)'; use a number, 'latest', 'applied' or -K (K revisions before latest)")
            }
            return selector
        }
    }
}
