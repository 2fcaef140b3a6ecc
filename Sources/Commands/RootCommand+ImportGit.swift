import ArgumentParser
import Foundation
import History
import Importing
import Ledger
import ObjectModel

extension RootCommand {
    struct ImportGit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "git",
            abstract: "Record every committed version of a manifest, oldest first, as revisions.",
            discussion: """
                Follows renames. Each version is recorded as a revision of its release with the commit's author, \
                time and message, and the commit id as its origin (history shows 'import (git abc1234)'); a \
                version equal to the one before it adds an event only. A version that is not a valid manifest is \
                recorded as a skipped event with the error, and the import goes on. Run again, it adds only \
                commits not imported yet. Reads the repository with the git command-line tool: one 'git log' and \
                one 'git cat-file --batch' per thousand commits; versions are validated, rendered and sealed on \
                every core and written in transactions of 500.

                Exit codes: 0 imported (skipped versions included); 2 not a git repository, an unknown revision, \
                no valid version at all, ledger or usage error (nothing recorded).

                Examples:
                  dsledger import git deploy/fluent-bit.yaml
                  dsledger import git deploy/fluent-bit.yaml --branch main --since v1.4.0
                """)

        @Argument(help: "The manifest file, as named in the repository today.")
        var file: String

        @Option(help: "Only versions committed after this commit (any name git accepts).")
        var since: String?

        @Option(help: "The branch (or any commit) to read the history of (default: HEAD).")
        var branch: String?

        @Option(name: .customLong("batch-size"), help: .hidden)
        var batchSize = 500

        /// Versions decoded, then recorded, at a time (one chunk records while the next decodes).
        @Option(name: .customLong("chunk-size"), help: .hidden)
        var chunkSize = 1000

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
            guard chunkSize > 0 else { throw ValidationError("--chunk-size must be at least 1") }
            // A branch or commit never begins with '-'; such a value would reach git as an option.
            for (flag, value) in [("--branch", branch), ("--since", since)] {
                if let value, value.hasPrefix("-") {
                    throw ValidationError("\(flag) '\(value)' begins with '-': name a branch, tag or commit")
                }
            }
        }

        func run() async throws {
            let context = CommandContext.current
            let repository = try GitRepository.locate(file: file)
            let versions = try repository.versions(branch: branch, since: since)
            guard !versions.isEmpty else {
                context.writeOutput("nothing to import: no commit\(since.map { " after \($0)" } ?? "") changes \(repository.path)\n")
                return
            }
            // Three stages overlap: git reads the next chunk's contents, every core decodes this
            // chunk, and one thread records the chunk before (SQLite takes one writer).
            let chunks = GitImport.chunks(versions.count, size: chunkSize)
            let fetch = { @Sendable (range: Range<Int>) in
                Task { try await Background.run { try repository.contents(of: versions[range].map(\.blob)) } }
            }
            // The first chunk is read before the ledger is opened: a git failure leaves no file.
            var fetching: Task<[String: Data], Error>? = fetch(chunks[0])
            var contents = try await fetching?.value ?? [:]
            let ledger = try await store.open(in: context, create: true)
            let key = try await store.secretKey(in: context, store: ledger)
            var names: [String: String] = [:]
            for version in versions where names[version.blob] == nil { names[version.blob] = "\(version.path)@\(version.shortCommit)" }
            var plan = GitImport(recordedAt: context.now(), toolVersion: ToolVersion.current, seen: { try await ledger.origins(of: $0, prefix: "git:") })
            var tally = GitImport.Tally()
            var recording: Task<GitImport.Tally, Error>?
            do {
                for (index, range) in chunks.enumerated() {
                    if index > 0, let next = try await fetching?.value { contents = next }
                    fetching = index + 1 < chunks.count ? fetch(chunks[index + 1]) : nil
                    let decoded = await ImportPipeline.decode(contents, order: versions[range].map(\.blob), names: names, key: key)
                    let entries = try await plan.entries(for: versions[range], decoded: decoded, tally: &tally)
                    if let recording { tally.add(try await recording.value) }
                    let (store, batch, chainKey) = (ledger, batchSize, ChainKey(deriving: key))
                    recording = Task { try await GitImport.record(entries, store: store, batch: batch, chainKey: chainKey) }
                }
                if let recording { tally.add(try await recording.value) }
            } catch {
                _ = try? await fetching?.value
                _ = try? await recording?.value
                throw error
            }
            try plan.finish(file: versions.last?.path ?? "the file")
            report(tally, versions: versions.count, context: context)
        }

        private func report(_ tally: GitImport.Tally, versions: Int, context: CommandContext) {
            for (version, error) in tally.skipped {
                let first = error.split(separator: "\n").first.map(String.init) ?? error
                // The path and the error (which may quote the file) come from the repository: one line, escaped.
                context.writeError("warning: skipped " + "\(version.shortCommit) (\(version.path)): \(first)".escapingControlCharacters + "\n")
            }
            for (release, range) in tally.recorded.sorted(by: { $0.key < $1.key }) {
                let numbers = range.count == 1 ? "revision \(range.lowerBound)" : "revisions \(range.lowerBound)–\(range.upperBound)"
                context.writeOutput("imported \(range.count) version\(range.count == 1 ? "" : "s") as \(release) \(numbers)\n")
            }
            var parts = ["\(versions) commit\(versions == 1 ? "" : "s") read"]
            if tally.unchanged > 0 { parts.append("\(tally.unchanged) unchanged (event only)") }
            if !tally.skipped.isEmpty { parts.append("\(tally.skipped.count) invalid (recorded as skipped)") }
            if tally.alreadyImported > 0 { parts.append("\(tally.alreadyImported) already imported") }
            context.writeOutput(parts.joined(separator: ", ") + "\n")
        }
    }
}
