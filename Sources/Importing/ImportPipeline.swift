import Foundation
import Ledger
import ManifestModel
import ObjectModel
import Rendering

/// The stages of `import git` that turn a file's committed versions into sealed drafts:
/// parse → validate → render → seal, one worker per run of consecutive versions.
///
/// It owns what the import keeps between versions: the parse stage's last tree
/// (``IncrementalParse``), so that a version that changes one scalar value is read by editing
/// it, and the drafts sealed last, so that each new draft's manifest and objects share what
/// they have in common with them (``StructuralSharing``: decided by `==`, never assumed). The stages are otherwise the pure
/// modules' plain functions (``ManifestReader``, ``Renderer``, ``RevisionDraft``). Not for sharing
/// between threads: one pipeline per worker.
///
/// ```swift
/// var pipeline = ImportPipeline(key: key)
/// let decoded = versions.map { pipeline.decode($0.data, name: $0.name) }
/// ```
package struct ImportPipeline {
    package let renderer: Renderer
    /// The store's HMAC key: secrets are sealed with it, and no plaintext leaves the pipeline.
    package let key: SecretKey
    private var parse = IncrementalParse()
    /// The drafts sealed for the version before, by document: each new draft shares the subtrees
    /// it has in common with the one at its place here, so consecutive drafts hold one copy of
    /// what did not change, and the recorder's equality checks against the draft before return
    /// at once for the shared parts.
    private var previousDrafts: [RevisionDraft] = []

    /// A pipeline that renders with `renderer` and seals with `key`.
    package init(renderer: Renderer = Renderer(), key: SecretKey) {
        self.renderer = renderer
        self.key = key
    }

    /// How many versions so far were read by editing the one before rather than parsed.
    package var edits: Int { parse.edits }

    /// One version: validated, rendered and sealed, or why not.
    ///
    /// - Parameters:
    ///   - data: the file's content.
    ///   - name: the name messages use (`path@commit`).
    package mutating func decode(_ data: Data, name: String) -> DecodedVersion {
        guard let text = String(data: data, encoding: .utf8) else { return .invalid("\(name): error: the file is not UTF-8 text") }
        do {
            let manifests = try validated(parsed(text, name: name), name: name)
            let drafts = manifests.enumerated().map { index, manifest in
                let draft = sealed(manifest, objects: renderer.rendered(manifest))
                return index < previousDrafts.count ? sharing(draft, with: previousDrafts[index]) : draft
            }
            previousDrafts = drafts
            return .drafts(drafts)
        } catch {
            return .invalid(error.description)
        }
    }

    /// The parse stage: the documents of `text`.
    private mutating func parsed(_ text: String, name: String) throws(ManifestError) -> [SourceDocument] {
        do {
            return try parse.documents(of: text)
        } catch {
            throw ManifestReader.syntaxError(error, file: name)
        }
    }

    /// The validation stage: one manifest per document.
    private func validated(_ documents: [SourceDocument], name: String) throws(ManifestError) -> [Manifest] {
        try ManifestReader.manifests(of: documents, file: name)
    }

    /// `draft` with its manifest and objects sharing what they have in common with `earlier`.
    private func sharing(_ draft: RevisionDraft, with earlier: RevisionDraft) -> RevisionDraft {
        var draft = draft
        draft.spec = StructuralSharing.shared(draft.spec, with: earlier.spec).value
        draft.objects = StructuralSharing.shared(draft.objects, with: earlier.objects)
        return draft
    }

    /// The seal stage: the draft of one manifest and its objects, its metadata still to fill in.
    private func sealed(_ manifest: Manifest, objects: [JSONValue]) -> RevisionDraft {
        RevisionDraft.sealing(release: ReleaseID(namespace: manifest.namespace, name: manifest.name), document: manifest.document,
                              secretPaths: manifest.secretValues.map(\.path), objects: objects, metadata: Self.placeholder, key: key)
    }

    /// Metadata for drafts whose commit fills it in (``GitImport``).
    private static let placeholder = RevisionMetadata(action: .import, author: "", toolVersion: "",
                                                      createdAt: Date(timeIntervalSince1970: 0))
}

extension ImportPipeline {
    /// Each distinct content once, on every core, in slices of consecutive versions: each slice
    /// through one pipeline, in commit order, so that most versions are edits of the one before.
    ///
    /// - Parameters:
    ///   - contents: file contents by blob id.
    ///   - order: the blob ids in commit order.
    ///   - names: the name messages use for each blob (`path@commit`).
    ///   - key: the store's HMAC key; no plaintext secret leaves this function.
    /// - Returns: what each blob decodes to, by blob id.
    package static func decode(_ contents: [String: Data], order: [String], names: [String: String],
                               key: SecretKey) async -> [String: DecodedVersion] {
        var seen = Set<String>()
        let blobs = order.filter { contents[$0] != nil && seen.insert($0).inserted }
        let chunk = max(32, blobs.count / 16)
        return await withTaskGroup(of: [(String, DecodedVersion)].self) { group in
            for start in stride(from: 0, to: blobs.count, by: chunk) {
                let slice = Array(blobs[start..<min(blobs.count, start + chunk)])
                group.addTask {
                    var pipeline = ImportPipeline(key: key)
                    return slice.map { blob in (blob, pipeline.decode(contents[blob] ?? Data(), name: names[blob] ?? blob)) }
                }
            }
            var decoded: [String: DecodedVersion] = [:]
            for await results in group {
                for (blob, version) in results { decoded[blob] = version }
            }
            return decoded
        }
    }
}

/// What one version of a manifest file decodes to: a sealed draft per document, or the reason
/// it cannot be recorded.
package enum DecodedVersion: Sendable, Hashable {
    /// Sealed drafts (metadata still to be filled in), one per manifest document.
    case drafts([RevisionDraft])
    /// The validation error, as `render` would print it.
    case invalid(String)
}
