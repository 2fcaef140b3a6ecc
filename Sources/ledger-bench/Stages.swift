import Foundation
import History
import Importing
import Ledger
import ManifestModel
import ObjectModel
import Rendering

/// `ledger-bench stages [N]`: what one version costs in each stage of `import git`, on one core,
/// best of five runs over N image-tag versions of the Fluent Bit example. A single thread's best
/// time is steadier than a whole import on a shared machine, so stages can be compared.
enum Stages {
    static func run(example text: String, count: Int) throws {
        let texts = (1...count).map { text.replacingOccurrences(of: "tag: \"3.1.9\"", with: "tag: \"3.\($0 / 1000).\($0 % 1000)\"") }
        let key = SecretKey(bytes: SecretKey.generateBytes())!
        let renderer = Renderer()
        let documents = try texts.map { try SourceDocument.parse($0) }
        let manifests = try texts.map { try ManifestReader.read($0, file: "bench.yaml")[0] }
        let rendered = manifests.map { renderer.rendered($0) }
        let metadata = RevisionMetadata(action: .import, author: "bench", toolVersion: "bench", createdAt: Date(timeIntervalSince1970: 0))
        let drafts = zip(manifests, rendered).map { manifest, objects in
            RevisionDraft.sealing(release: ReleaseID(namespace: manifest.namespace, name: manifest.name), document: manifest.document,
                                  secretPaths: manifest.secretValues.map(\.path), objects: objects, metadata: metadata, key: key)
        }
        func best(_ body: () throws -> Void) rethrows -> Double {
            var times: [Double] = []
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return times.min()! / Double(count) * 1e6
        }
        let parse = try best {
            for text in texts { _ = try SourceDocument.parse(text) }
        }
        let decode = best {
            for document in documents { _ = ManifestReader.decode(document[0]) }
        }
        let render = best {
            for manifest in manifests { _ = renderer.rendered(manifest) }
        }
        let seal = best {
            for (manifest, objects) in zip(manifests, rendered) {
                _ = RevisionDraft.sealing(release: ReleaseID(namespace: manifest.namespace, name: manifest.name), document: manifest.document,
                                          secretPaths: manifest.secretValues.map(\.path), objects: objects, metadata: metadata, key: key)
            }
        }
        // As the recorder does: a value equal to the previous draft's at its place takes its encoding.
        let encode = best {
            for (index, draft) in drafts.enumerated() {
                let previous = index > 0 ? [drafts[index - 1].spec] + drafts[index - 1].objects : []
                for (place, value) in ([draft.spec] + draft.objects).enumerated()
                where place >= previous.count || value != previous[place] {
                    _ = ContentDigest.sha256(CanonicalJSON.compactBytes(value))
                }
            }
        }
        // As the recorder does: the values of each draft with their canonical bytes, and a delta
        // for each one whose digest changed.
        let encoded = drafts.map { draft in
            ([draft.spec] + draft.objects).map { value in
                let bytes = CanonicalJSON.compactBytes(value)
                return (value, bytes, ContentDigest.sha256(bytes))
            }
        }
        let delta = best {
            for (before, after) in zip(encoded, encoded.dropFirst()) {
                for (old, new) in zip(before, after) where old.2 != new.2 {
                    _ = JSONDelta.operations(from: old.0, canonical: old.1, to: new.0, canonical: new.1)
                }
            }
        }
        let blobs = texts.map { Data($0.utf8) }
        // Through the import's pipeline: most versions are read by editing the one before.
        var edits = 0
        let endToEnd = best {
            var pipeline = ImportPipeline(renderer: renderer, key: key)
            for blob in blobs { _ = pipeline.decode(blob, name: "bench.yaml") }
            edits = pipeline.edits
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsledger-stages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var ledgers = 0
        let record = try best {
            ledgers += 1
            let store = try SQLiteRevisionStore.open(path: folder.appendingPathComponent("\(ledgers).db").path, create: true)
            for start in stride(from: 0, to: drafts.count, by: 500) {
                _ = try blocking { try await store.record(entries: drafts[start..<min(drafts.count, start + 500)].map(LedgerEntry.revision), chainKey: ChainKey(deriving: key)) }
            }
        }
        print("| stage (one core, best of 5, \(count) versions) | µs per version |")
        print("| --- | --- |")
        for (name, value) in [("parse YAML in full (libyaml)", parse), ("decode and validate the manifest", decode),
                              ("render the objects", render), ("seal (secret HMACs, summary)", seal),
                              ("canonical JSON and SHA-256 of spec and changed objects", encode), ("deltas of the changed objects", delta),
                              ("all of decoding, text to sealed draft (ImportPipeline; \(edits) of \(count) read by an edit)", endToEnd),
                              ("all of recording (encode, deltas, SQLite; batches of 500)", record)] {
            print(String(format: "| %@ | %.0f |", name, value))
        }
    }
}
