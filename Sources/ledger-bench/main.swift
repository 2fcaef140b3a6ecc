// Benchmarks of the ledger: batch recording rate, store size per revision, and `history`
// paging on a large release. Run on a release build: scripts/bench-ledger [REVISIONS]
// (`ledger-bench stages [N]` times each stage of `import git` per version, on one core.)
// (LEDGER_BENCH_KEEP=FILE keeps the ledger for profiling.)
import Foundation
import History
import Ledger
import ManifestModel
import ObjectModel
import Rendering
import StructuralDiff

let arguments = CommandLine.arguments
let exampleURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/daemonset-log-collector-fluent-bit.yaml")
let text = try String(contentsOf: exampleURL, encoding: .utf8)
if arguments.count > 1, arguments[1] == "stages" {
    try Stages.run(example: text, count: arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000)
    exit(0)
}
let revisions = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsledger-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
// LEDGER_BENCH_KEEP=FILE keeps the ledger there, for profiling the CLI against it afterwards.
let kept = ProcessInfo.processInfo.environment["LEDGER_BENCH_KEEP"]
defer { try? FileManager.default.removeItem(at: folder) }
let path = kept ?? folder.appendingPathComponent("ledger.db").path

let manifest = try ManifestReader.read(text, file: "fluent-bit.yaml")[0]
let baseObjects = Renderer().rendered(manifest)
let baseDocument = try SourceDocument.parse(text)[0].root.jsonValue
let key = SecretKey(bytes: SecretKey.generateBytes())!
let chainKey = ChainKey(deriving: key)
let release = ReleaseID(namespace: "logging", name: "fluent-bit")

/// Revision `index`: an image-only change of the example.
func draft(_ index: Int, release: ReleaseID) -> RevisionDraft {
    let image = "cr.fluentbit.io/fluent/fluent-bit:3.\(index / 1000).\(index % 1000)"
    let objects = baseObjects.map { object -> JSONValue in
        guard object["kind"]?.stringValue == "DaemonSet" else { return object }
        var copy = object
        copy.replace(at: FieldPath(dotted: "spec.template.spec").field("containers").index(0).field("image"), with: .string(image))
        return copy
    }
    var document = baseDocument
    document.replace(at: FieldPath(dotted: "spec.container.app.image.tag"), with: .string("3.\(index / 1000).\(index % 1000)"))
    let metadata = RevisionMetadata(action: .import, author: "bench", message: "image \(image)", sourceFile: "fluent-bit.yaml",
                                    toolVersion: "bench", createdAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)))
    return RevisionDraft.sealing(release: release, document: document, secretPaths: [], objects: objects, metadata: metadata, key: key)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs { times.append(try seconds(body)) }
    return times.sorted()[runs / 2]
}

let store = try SQLiteRevisionStore.open(path: path, create: true)
let batch = 1000
let recordTime = try seconds {
    var next = 1
    while next <= revisions {
        let last = min(revisions, next + batch - 1)
        let drafts = (next...last).map { draft($0, release: release) }
        _ = try blocking { try await store.record(drafts, chainKey: chainKey) }
        next = last + 1
    }
}
let small = ReleaseID(namespace: "logging", name: "small")
_ = try blocking { try await store.record((1...10).map { draft($0, release: small) }, chainKey: chainKey) }
// A 10,000-revision release for blame (the measure), recorded the same way.
let blameRelease = ReleaseID(namespace: "logging", name: "blame")
let blameRevisions = min(10_000, revisions)
for start in stride(from: 1, through: blameRevisions, by: batch) {
    _ = try blocking { try await store.record((start...min(blameRevisions, start + batch - 1)).map { draft($0, release: blameRelease) }, chainKey: chainKey) }
}

let size = try store.storageSize()
let firstPageLarge = try median(51) { _ = try blocking { try await store.revisions(of: release, limit: 20, before: nil) } }
let firstPageSmall = try median(51) { _ = try blocking { try await store.revisions(of: small, limit: 20, before: nil) } }
let thousand = try median(11) { _ = try blocking { try await store.revisions(of: release, limit: 1000, before: nil) } }
let deepPage = try median(51) { _ = try blocking { try await store.revisions(of: release, limit: 20, before: revisions / 2) } }

let older = try blocking { try await store.objects(of: release, number: revisions - 1) }
let newer = try blocking { try await store.objects(of: release, number: revisions) }
let diffTime = median(201) { _ = ObjectDiff.changes(from: older, to: newer) }

func row(_ name: String, _ value: String) { print("| \(name) | \(value) |") }
print("| measure (\(revisions) image-only revisions of the Fluent Bit example) | result |")
print("| --- | --- |")
row("record, batches of \(batch) per transaction", String(format: "%.0f revisions/s (%.1f s)", Double(revisions) / recordTime, recordTime))
row("store size (pages in use)", String(format: "%.1f MiB, %.0f B per revision", Double(size) / 1_048_576,
                                       Double(size) / Double(revisions + 10 + blameRevisions)))
row("history first page (20) of the \(revisions)-revision release", String(format: "%.3f ms", firstPageLarge * 1000))
row("history first page (20) of a 10-revision release", String(format: "%.3f ms", firstPageSmall * 1000))
row("history page of 20 from the middle", String(format: "%.3f ms", deepPage * 1000))
row("history --limit 1000", String(format: "%.2f ms", thousand * 1000))
row("structural diff of two consecutive revisions, in process", String(format: "%.3f ms", diffTime * 1000))

// The CLI, cold: a new process per run, as a user would call it.
let cli = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dsledger")
if FileManager.default.isExecutableFile(atPath: cli.path) {
    // posix_spawn and waitpid: Foundation's Process notices an exit only at its next poll,
    // which rounds every time up to tens of milliseconds.
    func runCLI(_ arguments: [String]) throws {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([cli.path] + arguments + ["--db", path]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, cli.path, &actions, nil, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
    let firstPage = try median(21) { try runCLI(["history", "fluent-bit"]) }
    let blameRuns = try median(3) { try runCLI(["blame", "blame", "-n", "logging"]) }
    let diffRuns = try median(11) { try runCLI(["diff", "fluent-bit", "1"]) }
    let smallPage = try median(21) { try runCLI(["history", "small"]) }
    row("`dsledger history` (new process, first page) on the \(revisions)-revision release", String(format: "%.1f ms", firstPage * 1000))
    row("`dsledger history` (new process, first page) on a 10-revision release", String(format: "%.1f ms", smallPage * 1000))
    row("`dsledger diff` revision 1 against latest (new process)", String(format: "%.1f ms", diffRuns * 1000))
    row("`dsledger blame` of the latest revision of a \(blameRevisions)-revision release (new process)", String(format: "%.2f s", blameRuns))
} else {
    print("(build the dsledger product in the same configuration to time the CLI)")
}
