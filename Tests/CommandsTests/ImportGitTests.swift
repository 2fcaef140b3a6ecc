@testable import Commands
import Importing
import Foundation
import History
import Ledger
import ObjectModel
import Testing
import TestSupport

/// A git repository made in the test with the git command, commit by commit.
struct ScriptedRepository {
    let folder = TemporaryFolder.make()
    private var clock = 1_790_000_000

    init() throws {
        try git("init", "-q", "-b", "main")
    }

    /// Runs git in the repository with a fixed identity and no user configuration.
    @discardableResult
    func git(_ arguments: String..., author: String = "Alice <alice@example.com>", at time: Int? = nil) throws -> String {
        let name = String(author.prefix { $0 != "<" }).trimmingCharacters(in: .whitespaces)
        let email = String(author.drop { $0 != "<" }.dropFirst().prefix { $0 != ">" })
        let date = "\(time ?? 1_790_000_000) +0000"
        let environment = [
            "PATH": "/usr/bin:/bin", "HOME": folder.path, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": date,
        ]
        let result = try Subprocess.run("git", Array(arguments), environment: environment, in: folder)
        guard result.status == 0 else { throw CLIError(text: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `text` to `path` and commits it (`git add -A`), one minute after the last commit.
    @discardableResult
    mutating func commit(_ path: String, _ text: String, message: String, author: String = "Alice <alice@example.com>") throws -> String {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return try commitAll(message: message, author: author)
    }

    /// Commits whatever changed, one minute after the last commit, and returns the commit id.
    mutating func commitAll(message: String, author: String = "Alice <alice@example.com>") throws -> String {
        clock += 60
        try git("add", "-A")
        try git("commit", "-q", "-m", message, author: author, at: clock)
        return try git("rev-parse", "HEAD")
    }

    /// The time of the latest commit made by ``commit(_:_:message:author:)``.
    var lastTime: Int { clock }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

struct CLIError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

@Suite(.serialized) struct ImportGitTests {
    /// agent.yaml: 1.0, 2.0, an invalid version, renamed to deploy/agent.yaml at 3.0, then a side
    /// branch (4.0) merged with a config change made on main meanwhile.
    static func history() throws -> (repo: ScriptedRepository, commits: [String]) {
        var repo = try ScriptedRepository()
        var commits: [String] = []
        commits.append(try repo.commit("agent.yaml", AgentManifest.yaml(tag: "1.0"), message: "first agent"))
        commits.append(try repo.commit("agent.yaml", AgentManifest.yaml(tag: "2.0"), message: "bump to 2.0\n\nThe long story.",
                                       author: "Bob <bob@example.com>"))
        commits.append(try repo.commit("agent.yaml", AgentManifest.yaml(tag: "2.0", maxUnavailable: "150%"), message: "too many"))
        try FileManager.default.createDirectory(at: repo.folder.appendingPathComponent("deploy"), withIntermediateDirectories: true)
        try repo.git("mv", "agent.yaml", "deploy/agent.yaml")
        try AgentManifest.yaml(tag: "3.0").write(toFile: repo.path("deploy/agent.yaml"), atomically: true, encoding: .utf8)
        commits.append(try repo.commitAll(message: "move to deploy/, 3.0"))
        try repo.git("checkout", "-q", "-b", "side")
        commits.append(try repo.commit("deploy/agent.yaml", AgentManifest.yaml(tag: "4.0"), message: "side: 4.0"))
        try repo.git("checkout", "-q", "main")
        commits.append(try repo.commit("deploy/agent.yaml", AgentManifest.yaml(tag: "3.0", config: "level = debug"), message: "debug logs"))
        try repo.git("merge", "-q", "--no-edit", "side", at: repo.lastTime + 60)
        commits.append(try repo.git("rev-parse", "HEAD"))
        return (repo, commits)
    }

    @Test func importsEveryVersionOldestFirstFollowingRenamesAndMergesAndSkipsInvalidOnes() async throws {
        let (repo, commits) = try Self.history()
        let merged = try String(contentsOfFile: repo.path("deploy/agent.yaml"), encoding: .utf8)
        #expect(merged.contains("\"4.0\"") && merged.contains("level = debug"), "the merge combines both branches")
        let cli = CLIHarness()
        var result = await cli.run(["import", "git", repo.path("deploy/agent.yaml")])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 6 versions as ops/agent revisions 1–6\n7 commits read, 1 invalid (recorded as skipped)\n")
        #expect(result.stderr.hasPrefix("warning: skipped \(commits[2].prefix(7)) (agent.yaml): agent.yaml@\(commits[2].prefix(7)):"))

        result = await cli.run(["history", "agent", "-o", "json"])
        let history = try JSONValue(parsingJSON: result.stdout).arrayValue ?? []
        let expectedCommits = [commits[6], commits[5], commits[4], commits[3], commits[1], commits[0]]
        #expect(history.map { $0["origin"]?.stringValue } == expectedCommits.map { "git:" + $0 })
        #expect(history.map { $0["action"]?.stringValue } == Array(repeating: "import", count: 6))
        #expect(history.map { $0["partial"] } == Array(repeating: .bool(false), count: 6))
        #expect(history.map { $0["sourceFile"]?.stringValue } == ["deploy/agent.yaml", "deploy/agent.yaml", "deploy/agent.yaml",
                                                                   "deploy/agent.yaml", "agent.yaml", "agent.yaml"])
        #expect(history.last?["author"]?.stringValue == "Alice <alice@example.com>")
        #expect(history[4]["author"]?.stringValue == "Bob <bob@example.com>")
        #expect(history[4]["message"]?.stringValue == "bump to 2.0\n\nThe long story.")
        // The commit's author time is the source time; createdAt is when the ledger recorded it.
        #expect(history.last?["sourceTime"]?.stringValue == "2026-09-21T14:14:20.000Z")
        #expect(history.last?["createdAt"]?.stringValue != "2026-09-21T14:14:20.000Z")
        #expect(history.map { $0["images"]?.arrayValue?.first?.stringValue ?? "" } == [
            "registry.example.com/agent:4.0", "registry.example.com/agent:3.0", "registry.example.com/agent:4.0",
            "registry.example.com/agent:3.0", "registry.example.com/agent:2.0", "registry.example.com/agent:1.0",
        ])

        result = await cli.run(["history", "agent"])
        #expect(result.stdout.contains("import (git \(commits[1].prefix(7)))"))
        #expect(result.stdout.contains("bump to 2.0") && !result.stdout.contains("The long story."))
        result = await cli.run(["verify"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(!(try String(contentsOfFile: cli.database, encoding: .isoLatin1)).contains("s3cret-one"))
        let skipped = try SQLiteShellCount.rows(cli.database, "SELECT outcome || ' ' || origin FROM event WHERE outcome = 'skipped';")
        #expect(skipped == ["skipped git:\(commits[2])"])
    }

    @Test func runAgainAddsOnlyNewCommits() async throws {
        var (repo, _) = try Self.history()
        let cli = CLIHarness()
        _ = await cli.run(["import", "git", repo.path("deploy/agent.yaml")])
        var result = await cli.run(["import", "git", repo.path("deploy/agent.yaml")])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == "7 commits read, 7 already imported\n")
        #expect(result.stderr.isEmpty, "an already recorded invalid version is not reported again")

        let next = try repo.commit("deploy/agent.yaml", AgentManifest.yaml(tag: "5.0"), message: "5.0")
        try repo.commit("README", "not the manifest", message: "docs")
        result = await cli.run(["import", "git", repo.path("deploy/agent.yaml")])
        #expect(result.stdout == "imported 1 version as ops/agent revision 7\n8 commits read, 7 already imported\n")
        result = await cli.run(["history", "agent", "-o", "json", "--limit", "1"])
        #expect(try JSONValue(parsingJSON: result.stdout).arrayValue?.first?["origin"]?.stringValue == "git:" + next)
    }

    @Test func sinceAndBranchLimitTheCommitsRead() async throws {
        let (repo, commits) = try Self.history()
        let cli = CLIHarness()
        var result = await cli.run(["import", "git", repo.path("deploy/agent.yaml"), "--since", commits[3], "--branch", "side"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 1 version as ops/agent revision 1\n1 commit read\n")
        result = await cli.run(["history", "agent", "-o", "json"])
        #expect(try JSONValue(parsingJSON: result.stdout).arrayValue?.first?["origin"]?.stringValue == "git:" + commits[4])
    }

    @Test func optionsHiddenInBranchOrSinceNeverReachGitAndFileNamesAreNotPatterns() async throws {
        var repo = try ScriptedRepository()
        // Unlike contents, so that --follow sees no copy between the two files.
        try repo.commit("x.yaml", try String(contentsOfFile: CLIHarness.example("daemonset-node-monitoring-node-exporter"), encoding: .utf8),
                        message: "x")
        try repo.commit("[x].yaml", AgentManifest.yaml(tag: "2.0"), message: "bracketed")
        let cli = CLIHarness()
        let planted = TemporaryFolder.make().appendingPathComponent("written-by-git").path
        for arguments in [["--branch=--output=\(planted)"], ["--since=--output=\(planted)"]] {
            let result = await cli.run(["import", "git", repo.path("x.yaml")] + arguments)
            #expect(result.code == 2, "\(result.stderr)")
            #expect(result.stderr.contains("begins with '-': name a branch, tag or commit"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: planted), "git wrote a file an option named")
        }
        // `[x].yaml` is that file, not a pattern that also matches x.yaml.
        let result = await cli.run(["import", "git", repo.path("[x].yaml")])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("1 commit read\n"), "\(result.stdout)")
    }

    /// The first and last chunks are a quarter of the rest, so decoding starts early and the
    /// recording nothing overlaps is short; every version falls in exactly one chunk.
    @Test(arguments: [0, 1, 7, 250, 251, 1000, 1499, 1500, 10_000])
    func chunksCoverEveryVersionOnceWithShortEdges(count: Int) {
        let chunks = GitImport.chunks(count, size: 1000)
        #expect(chunks.flatMap { Array($0) } == Array(0..<count))
        #expect(chunks.allSatisfy { !$0.isEmpty && $0.count <= 1000 })
        if count > 500 {
            #expect(chunks.first?.count == 250)
            #expect(chunks.last?.count == 250)
        }
    }

    /// Versions are decoded and recorded in chunks, one recording while the next decodes: the
    /// smallest chunks and batches give the same ledger as one chunk.
    @Test func chunksOfOneVersionGiveTheSameHistoryAsOneChunk() async throws {
        let (repo, _) = try Self.history()
        // Both record at the same moment, so their tables can be compared whole.
        var whole = CLIHarness(), chunked = CLIHarness()
        whole.now = { Date(timeIntervalSince1970: 1_800_000_000) }
        chunked.now = whole.now
        let file = repo.path("deploy/agent.yaml")
        let one = await whole.run(["import", "git", file])
        let many = await chunked.run(["import", "git", file, "--chunk-size", "1", "--batch-size", "1"])
        #expect(one.code == 0 && many.code == 0, "\(one.stderr)\(many.stderr)")
        #expect(many.stdout == one.stdout && many.stderr == one.stderr)
        // The table (each ledger seals secrets with its own key, so digests differ).
        let histories = await [whole.run(["history", "agent"]), chunked.run(["history", "agent"])]
        #expect(histories[0].stdout == histories[1].stdout && !histories[0].stdout.isEmpty)
        #expect(await chunked.run(["verify"]).code == 0)
        // One chunk reads consecutive versions through one pipeline (edits of the version before); one
        // version per chunk renders each afresh. Every object but the sealed Secret is the same.
        for number in 1...4 {
            let shown = await [whole.run(["show", "agent", "\(number)", "-o", "json"]), chunked.run(["show", "agent", "\(number)", "-o", "json"])]
            let objects = try shown.map { result in
                let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                return try #require(list?["items"] as? [[String: Any]]).filter { $0["kind"] as? String != "Secret" }
            }
            #expect(objects[0].count == 3, "Namespace, ConfigMap, DaemonSet")
            #expect(objects[0].map { NSDictionary(dictionary: $0) } == objects[1].map { NSDictionary(dictionary: $0) }, "revision \(number)")
        }
    }

    /// Invalid versions before the first valid one wait for it, across chunks, and belong to its release.
    @Test func leadingInvalidVersionsBelongToTheFirstValidOnesRelease() async throws {
        var repo = try ScriptedRepository()
        let bad = try repo.commit("agent.yaml", AgentManifest.yaml(tag: "1.0", maxUnavailable: "150%"), message: "broken")
        try repo.commit("agent.yaml", "kind: [", message: "not even YAML")
        try repo.commit("agent.yaml", AgentManifest.yaml(tag: "1.0"), message: "fixed")
        let cli = CLIHarness()
        let result = await cli.run(["import", "git", repo.path("agent.yaml"), "--chunk-size", "1"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 1 version as ops/agent revision 1\n3 commits read, 2 invalid (recorded as skipped)\n")
        let store = try SQLiteRevisionStore.open(path: cli.database, create: false)
        let events = try await store.events(of: ReleaseID(namespace: "ops", name: "agent"), kinds: [.import], limit: 10).reversed()
        #expect(events.map(\.draft.outcome) == [.skipped, .skipped, .recorded], "\(events.map(\.draft))")
        #expect(events.first?.draft.origin == "git:\(bad)")
        let again = await cli.run(["import", "git", repo.path("agent.yaml"), "--chunk-size", "1"])
        #expect(again.stdout == "3 commits read, 3 already imported\n", "\(again.stdout)")
    }

    @Test func failsClearlyOutsideARepositoryAndRecordsNothing() async throws {
        let folder = TemporaryFolder.make()
        try AgentManifest.yaml().write(to: folder.appendingPathComponent("agent.yaml"), atomically: true, encoding: .utf8)
        let cli = CLIHarness()
        var result = await cli.run(["import", "git", folder.appendingPathComponent("agent.yaml").path])
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix("dsledger: error: git rev-parse failed: fatal: not a git repository"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))

        let (repo, _) = try Self.history()
        result = await cli.run(["import", "git", repo.path("deploy/agent.yaml"), "--since", "no-such-commit"])
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix("dsledger: error: git log failed: fatal:"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }
}

/// Rows read with the sqlite3 shell, one string per row.
enum SQLiteShellCount {
    static func rows(_ path: String, _ sql: String) throws -> [String] {
        // The in-process CLI may still be closing its pool (a checkpoint holds a lock): wait for it.
        let result = try Subprocess.run("sqlite3", ["-cmd", ".timeout 5000", path, sql])
        guard result.status == 0 else { throw CLIError(text: "sqlite3 \(path): \(result.stderr)") }
        return String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
