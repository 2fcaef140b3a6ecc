import Foundation
import Ledger
import ManifestModel
import ObjectModel
import Rendering

/// What one version of a manifest file decodes to: a sealed draft per document, or the reason
/// it cannot be recorded.
enum DecodedVersion: Sendable {
    /// Sealed drafts (metadata still to be filled in), one per manifest document.
    case drafts([RevisionDraft])
    /// The validation error, as `render` would print it.
    case invalid(String)
}

/// Decodes, renders and seals file contents on every core: the expensive half of `import git`.
enum ImportDecoding {
    /// Each distinct content once, in parallel slices of consecutive versions.
    ///
    /// - Parameters:
    ///   - contents: file contents by blob id.
    ///   - order: the blob ids in commit order; each slice reads its versions in this order
    ///     through one ``ManifestMemo`` (a version that changes one value is read by editing the
    ///     previous one's documents, and its unchanged fields are not decoded again) and renders
    ///     them through one ``RenderMemo``, so an object unchanged from one version to the next
    ///     is made once and shared (and then encoded once by the recorder).
    ///   - names: the name messages use for each blob (`path@commit`).
    ///   - key: the store's HMAC key; no plaintext secret leaves this function.
    static func decode(_ contents: [String: Data], order: [String], names: [String: String], key: SecretKey) async -> [String: DecodedVersion] {
        var seen = Set<String>()
        let blobs = order.filter { contents[$0] != nil && seen.insert($0).inserted }
        let chunk = max(32, blobs.count / 16)
        return await withTaskGroup(of: [(String, DecodedVersion)].self) { group in
            for start in stride(from: 0, to: blobs.count, by: chunk) {
                let slice = Array(blobs[start..<min(blobs.count, start + chunk)])
                group.addTask {
                    let renderer = Renderer()
                    let (read, rendered) = (ManifestMemo(), RenderMemo())
                    return slice.map { blob in
                        (blob, decode(contents[blob] ?? Data(), name: names[blob] ?? blob, renderer: renderer,
                                      memos: (read, rendered), key: key))
                    }
                }
            }
            var decoded: [String: DecodedVersion] = [:]
            for await results in group {
                for (blob, version) in results { decoded[blob] = version }
            }
            return decoded
        }
    }

    /// One content: validated, rendered and sealed, or why not.
    /// - Parameter memos: the reading and the rendering of the version before, when decoding a run of versions.
    static func decode(_ data: Data, name: String, renderer: Renderer, memos: (ManifestMemo, RenderMemo)? = nil,
                       key: SecretKey) -> DecodedVersion {
        guard let text = String(data: data, encoding: .utf8) else { return .invalid("\(name): error: the file is not UTF-8 text") }
        do {
            let manifests = try ManifestReader.read(text, file: name, memo: memos?.0)
            let placeholder = RevisionMetadata(action: .import, author: "", toolVersion: ToolVersion.current,
                                               createdAt: Date(timeIntervalSince1970: 0))
            return .drafts(manifests.map { manifest in
                RevisionDraft.sealing(release: ReleaseID(namespace: manifest.namespace, name: manifest.name),
                                      document: manifest.document, secretPaths: manifest.secretValues.map(\.path),
                                      objects: renderer.rendered(manifest, memo: memos?.1), metadata: placeholder, key: key)
            })
        } catch {
            return .invalid(error.description)
        }
    }
}
