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
/// present and matching its digest, the content digest, the secret hashes against the markers in
/// the revision's Secrets, and the chain: a plain SHA-256 prefix (ledgers written before links
/// were keyed), then keyed links, revisions and events, at positions without gaps.
package enum ChainVerifier {
    /// The verdict on a release's chain.
    /// - Parameters:
    ///   - revisions: the release's revisions, in number order.
    ///   - events: the release's events, in id order (the order written).
    ///   - key: the chain key; nil checks everything but the keyed digests.
    package static func verdict(_ release: ReleaseID, revisions: [VerifiableRevision], events: [Event], key: ChainKey?) -> ChainVerdict {
        var found = Findings()
        let order = linkOrder(revisions.map(\.revision))
        checkRevisions(revisions, order: order, into: &found)
        var links: [(Int, LinkRow)] = []
        for entry in revisions { if let position = entry.revision.position { links.append((position, .revision(entry.revision))) } }
        for event in events { if let position = event.position { links.append((position, .event(event))) } }
        let firstKeyed = links.map { $0.0 }.min()
        let lastPlain = checkPlainPrefix(revisions.map(\.revision), before: firstKeyed, order: order, into: &found)
        let last = checkLinks(links.sorted { $0.0 < $1.0 }, after: lastPlain, key: key, into: &found)
        checkUnchained(events, into: &found)
        let head = ChainHead(release: release, position: last.position, digest: ChainLinkText.hex(last.digest),
                             revisions: revisions.count, events: events.count)
        if let broken = found.first { return ChainVerdict(release: release, status: .damaged, broken: broken, head: head) }
        return ChainVerdict(release: release, status: links.isEmpty ? .unkeyed : .intact, head: head)
    }

    /// The verdict on a release's chain up to and including revision `number`'s link, given the
    /// revisions up to it and every event: the links after it are left out.
    package static func verdict(_ release: ReleaseID, upTo number: Int, revisions: [VerifiableRevision], events: [Event],
                                key: ChainKey?) -> ChainVerdict {
        guard let target = revisions.last?.revision, target.number == number else { return absent(release, number: number) }
        let end = target.position ?? target.number
        let linked = events.filter { ($0.position ?? .max) <= end }
        // Events without a link count up to the last linked one kept (the order written).
        let lastID = linked.last(where: { $0.position != nil })?.id ?? .min
        let kept = events.filter { $0.position == nil ? $0.id < lastID : ($0.position ?? 0) <= end }
        return verdict(release, revisions: revisions, events: kept, key: key)
    }

    /// The verdict when the revision asked about is not in the ledger.
    package static func absent(_ release: ReleaseID, number: Int) -> ChainVerdict {
        ChainVerdict(release: release, status: .damaged,
                     broken: BrokenLink(.missingLink, position: nil, revision: number, message: "missing: the ledger has no such revision"))
    }

    /// A revision to check from its rows alone: its objects' digests as the rows name them,
    /// none read, no secret hash compared.
    package static func rowsOnly(_ revision: Revision, objectDigests: [String]) -> VerifiableRevision {
        VerifiableRevision(revision: revision, objectDigests: objectDigests, damaged: [], secretHashes: [], secretMarkers: [])
    }

    /// Where each revision sits among the links, for picking the first broken one: its
    /// position; a plain one's number before the first keyed link, and just after the keyed
    /// revision before it otherwise.
    private static func linkOrder(_ revisions: [Revision]) -> [Int: Double] {
        var order: [Int: Double] = [:]
        var keyedBefore: Double?
        for revision in revisions {
            if let position = revision.position {
                keyedBefore = Double(position)
                order[revision.number] = Double(position)
            } else {
                order[revision.number] = keyedBefore.map { $0 + 0.5 } ?? Double(revision.number)
            }
        }
        return order
    }

    /// Numbering without holes, and each revision's objects, content digest and secret hashes.
    private static func checkRevisions(_ revisions: [VerifiableRevision], order: [Int: Double], into found: inout Findings) {
        var expected = 1
        var previous = 0.0
        for entry in revisions {
            let number = entry.revision.number
            let at = order[number] ?? 0
            if number > expected {
                // Just after the revision before the hole: named before the positions that went with it.
                found.add(previous + 0.5, BrokenLink(.missingLink, position: nil, revision: expected,
                                                     message: "missing: the numbering jumps from \(expected - 1) to \(number)"))
            }
            expected = number + 1
            previous = at
            if let (problem, message) = contentProblem(entry) {
                found.add(at, BrokenLink(problem, position: entry.revision.position, revision: number, message: message))
            }
        }
    }

    /// What is wrong with a revision's objects, content digest or secret hashes; nil when nothing.
    private static func contentProblem(_ entry: VerifiableRevision) -> (BrokenLink.Problem, String)? {
        let digests = entry.objectDigests.compactMap { $0 }
        guard digests.count == entry.objectDigests.count, let spec = digests.first else {
            return (.missingObject, "a stored object it holds is missing")
        }
        if let bad = digests.first(where: entry.damaged.contains) {
            return (.changedObject, entry.unreadable[bad].map { "stored object \(bad) cannot be read: \($0)" } ?? "stored object \(bad) does not match its digest")
        }
        let content = Digests.content(specDigest: spec, objectDigests: Array(digests.dropFirst()))
        if content != entry.revision.contentDigest {
            return (.changedContent, "content digest mismatch (recorded \(entry.revision.contentDigest), computed \(content))")
        }
        if entry.secretHashes != entry.secretMarkers {
            return (.changedSecretHashes, "secret hashes do not match the revision's Secrets")
        }
        return nil
    }

    /// The plain links: only before the first keyed link (plain revision n is link n), each over
    /// the one before. Returns the last of them (the keyed chain continues from it).
    private static func checkPlainPrefix(_ revisions: [Revision], before firstKeyed: Int?, order: [Int: Double],
                                         into found: inout Findings) -> LinkHead {
        var last = LinkHead(position: 0, digest: nil, keyed: false)
        for revision in revisions where revision.position == nil {
            let at = order[revision.number] ?? 0
            if let firstKeyed, revision.number >= firstKeyed {
                found.add(at, BrokenLink(.plainAfterKeyed, position: nil, revision: revision.number,
                                         message: "a plain SHA-256 link after the release's first keyed link (link \(firstKeyed))"))
                break
            }
            let chain = Digests.chain(previous: last.digest, release: revision.release, number: revision.number,
                                      contentDigest: revision.contentDigest, metadata: revision.metadata, summary: revision.summary)
            if chain != revision.chainDigest {
                found.add(at, BrokenLink(.changedRevision, position: revision.number, revision: revision.number,
                                         message: "chain digest mismatch: its metadata or an earlier revision was changed"))
            }
            last = LinkHead(position: revision.number, digest: revision.chainDigest, keyed: false)
        }
        return last
    }

    /// The keyed links in position order, from just after the plain prefix: no gap, no
    /// duplicate, and (with the key) each digest over the one before. Returns the last link.
    private static func checkLinks(_ links: [(Int, LinkRow)], after prefix: LinkHead, key: ChainKey?,
                                   into found: inout Findings) -> LinkHead {
        var last = prefix
        for (position, row) in links {
            let at = Double(position)
            if position <= last.position {
                found.add(at, row.broken(.duplicateLink, position: position, message: "a second link at position \(position)"))
                continue
            }
            if position > last.position + 1 {
                found.add(Double(last.position + 1), BrokenLink(.missingLink, position: last.position + 1,
                                                                message: "missing: the positions jump from \(last.position) to \(position)"))
            }
            if let key, row.digest(key: key, previous: last.digest, position: position) != row.stored {
                let problem: BrokenLink.Problem = row.isRevision ? .changedRevision : .changedEvent
                found.add(at, row.broken(problem, position: position,
                                         message: "link digest mismatch: its fields, or the link before it, were changed"))
            }
            last = LinkHead(position: position, digest: row.stored, keyed: true)
        }
        return last
    }

    /// Events without a link are accepted only before the release's first keyed event: one
    /// written after it was inserted behind dsledger's back.
    private static func checkUnchained(_ events: [Event], into found: inout Findings) {
        guard let firstLinked = events.first(where: { $0.position != nil })?.id else { return }
        var before: Int = 0
        for event in events {
            if let position = event.position {
                before = max(before, position)
            } else if event.id > firstLinked {
                found.add(Double(before) + 0.5, BrokenLink(.unchainedEvent, position: nil, revision: event.draft.revision, event: event.id,
                                                           message: "an event outside the chain, written after its first keyed event: inserted"))
            }
        }
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

/// A keyed link as the verifier reads it.
private enum LinkRow {
    case revision(Revision)
    case event(Event)

    var isRevision: Bool {
        if case .revision = self { return true }
        return false
    }

    /// The digest the row holds.
    var stored: String {
        switch self {
        case .revision(let revision): return revision.chainDigest
        case .event(let event): return event.chainDigest ?? ""
        }
    }

    /// The digest the row should hold.
    func digest(key: ChainKey, previous: String?, position: Int) -> String {
        switch self {
        case .revision(let revision):
            return Digests.revisionLink(key: key, previous: previous, position: position, release: revision.release, number: revision.number,
                                        contentDigest: revision.contentDigest, metadata: revision.metadata, summary: revision.summary)
        case .event(let event):
            return Digests.eventLink(key: key, previous: previous, position: position, event: event.draft)
        }
    }

    func broken(_ problem: BrokenLink.Problem, position: Int, message: String) -> BrokenLink {
        switch self {
        case .revision(let revision): return BrokenLink(problem, position: position, revision: revision.number, message: message)
        case .event(let event): return BrokenLink(problem, position: position, revision: event.draft.revision, event: event.id, message: message)
        }
    }
}

/// The broken links found, keeping the first in chain order.
private struct Findings {
    private(set) var first: BrokenLink?
    private var order = Double.infinity

    mutating func add(_ at: Double, _ link: BrokenLink) {
        if at < order {
            order = at
            first = link
        }
    }
}

/// Chain digests as checkpoints and heads give them: lowercase hex, without `sha256:`.
package enum ChainLinkText {
    /// The hex of `sha256:<hex>`; "" for nil.
    package static func hex(_ digest: String?) -> String {
        guard let digest else { return "" }
        return digest.hasPrefix("sha256:") ? String(digest.dropFirst("sha256:".count)) : digest
    }
}
