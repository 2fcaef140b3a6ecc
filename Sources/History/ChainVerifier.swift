import Foundation
import Ledger
import ObjectModel

/// A revision as `verify` sees it: what its row says, and what the store holds for it.
package struct VerifiableRevision: Sendable {
    package var revision: Revision
    /// The digest of each object (the spec first), nil where the store has no such object.
    package var objectDigests: [String?]
    /// The digests among those whose stored body no longer hashes to the digest.
    package var damaged: Set<String>
    /// Why each object that cannot be read (a damaged row or body) cannot, by digest.
    package var unreadable: [String: String]
    /// The revision's secret hashes as `secret/key/hmac`.
    package var secretHashes: Set<String>
    /// The HMAC markers found in the revision's Secrets, as `secret/key/hmac`.
    package var secretMarkers: Set<String>

    package init(revision: Revision, objectDigests: [String?], damaged: Set<String>, secretHashes: Set<String>,
                 secretMarkers: Set<String>, unreadable: [String: String] = [:]) {
        self.unreadable = unreadable
        self.revision = revision
        self.objectDigests = objectDigests
        self.damaged = damaged
        self.secretHashes = secretHashes
        self.secretMarkers = secretMarkers
    }
}

/// The ledger's rules for `verify`, once for every store: numbering without holes, every object
/// present and matching its digest, the content digest, the chain, and the secret hashes
/// against the markers in the revision's Secrets.
package enum ChainVerifier {
    /// The first problem of a release's revisions, given in number order; nil when intact.
    package static func verify(_ release: ReleaseID, _ revisions: [VerifiableRevision]) -> VerificationProblem? {
        var previous: String?
        var expected = 1
        for entry in revisions {
            let revision = entry.revision
            let number = revision.number
            let fail = { (message: String) in VerificationProblem(release: release, revision: number, message: message) }
            guard number == expected else {
                // Name the revision that is missing, not the one after the hole.
                return VerificationProblem(release: release, revision: expected,
                                           message: "is missing: the numbering jumps from \(expected - 1) to \(number)")
            }
            let digests = entry.objectDigests.compactMap { $0 }
            guard digests.count == entry.objectDigests.count, let spec = digests.first else {
                return fail("a stored object it holds is missing")
            }
            if let bad = digests.first(where: entry.damaged.contains) {
                return fail(entry.unreadable[bad].map { "stored object \(bad) cannot be read: \($0)" } ?? "stored object \(bad) does not match its digest")
            }
            let content = Digests.content(specDigest: spec, objectDigests: Array(digests.dropFirst()))
            guard content == revision.contentDigest else {
                return fail("content digest mismatch (recorded \(revision.contentDigest), computed \(content))")
            }
            let chain = Digests.chain(previous: previous, release: release, number: number, contentDigest: content,
                                      metadata: revision.metadata, summary: revision.summary)
            guard chain == revision.chainDigest else { return fail("chain digest mismatch: its metadata or an earlier revision was changed") }
            guard entry.secretHashes == entry.secretMarkers else { return fail("secret hashes do not match the revision's Secrets") }
            previous = chain
            expected += 1
        }
        return nil
    }

    /// The HMAC markers of a Secret's `data` and `stringData`, as `secret/key/hmac`; empty for
    /// any other object.
    package static func secretMarkers(of object: JSONValue) -> Set<String> {
        guard object["kind"]?.stringValue == "Secret", let name = object.value(atMemberPath: "metadata.name")?.stringValue else { return [] }
        // Sealing covers `data` and `stringData` alike.
        let members = (object["data"]?.objectValue ?? [:]).merging(object["stringData"]?.objectValue ?? [:]) { first, _ in first }
        var markers = Set<String>()
        for (key, value) in members {
            guard let text = value.stringValue, text.hasPrefix(SecretSeal.markerPrefix) else { continue }
            markers.insert("\(name)/\(key)/\(text.dropFirst(SecretSeal.markerPrefix.count))")
        }
        return markers
    }

    /// `secret/key/hmac` of a secret hash.
    package static func key(_ hash: SecretHash) -> String {
        "\(hash.secret)/\(hash.key)/\(hash.hmac)"
    }
}
