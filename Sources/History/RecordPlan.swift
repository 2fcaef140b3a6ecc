import Foundation
import Ledger
import ObjectModel

/// The ledger's rules for recording, once for every store: numbering, "unchanged" detection,
/// the content and chain digests, and which objects are new and how each is stored (whole, or
/// as a delta from its previous version). A store reads the heads of the releases involved
/// and which digests it holds, inside its write transaction; the plan says what to write; the
/// store writes it. Stores only persist and query.
package struct RecordPlanner {
    /// The longest chain of deltas written; past it an object is stored whole again, which
    /// bounds the work of reading any version.
    package static let maximumDepth = 32

    var heads: [ReleaseID: ReleaseHead]
    /// Objects the store holds, and those the plan writes, by digest.
    private var known: [Data: PlannedObjectState]
    /// Values of stored objects the plan needs as delta bases, by digest.
    private let baseValues: [Data: JSONValue]
    /// The store's clock, when it has one of its own: it stamps every revision and event.
    private let now: Date?
    /// The store's location, for errors.
    let location: String
    /// The key of every link the plan writes.
    let chainKey: ChainKey

    /// - Parameters:
    ///   - heads: the head of every release the entries touch (``ReleaseHead/empty`` for new ones).
    ///   - stored: the objects among ``digests(of:)`` that the store already holds.
    ///   - baseValues: the values of the objects ``basesToRead(for:heads:stored:)`` named.
    ///   - now: the store's own time, or nil to keep the times the drafts carry (the process clock).
    ///   - chainKey: the key of the links.
    package init(heads: [ReleaseID: ReleaseHead], stored: [Data: PlannedObjectState], baseValues: [Data: JSONValue], now: Date?,
                 location: String, chainKey: ChainKey) {
        self.location = location
        self.chainKey = chainKey
        self.heads = heads
        known = stored
        self.baseValues = baseValues
        self.now = now.map(Timestamp.truncated)
    }

    /// The object digests the store must look up: each object that differs from its previous
    /// version (in the head, or earlier in the batch). An unchanged object, the commonest
    /// case, needs no query.
    package static func digestsToLookUp(_ entries: [EncodedEntry], heads: [ReleaseID: ReleaseHead]) -> [Data] {
        var previous: [ReleaseID: [ObjectIdentity?: Data]] = [:]
        for (release, head) in heads {
            var versions: [ObjectIdentity?: Data] = [:]
            versions[nil] = head.spec?.digest
            for (identity, object) in head.objects { versions[identity] = object.digest }
            previous[release] = versions
        }
        var seen = Set<Data>()
        var digests: [Data] = []
        for case .revision(let draft) in entries {
            let release = draft.draft.release
            for (identity, object) in [(nil, draft.spec)] + draft.objects.map({ ($0.identity, $0) }) as [(ObjectIdentity?, EncodedObject)] {
                if previous[release]?[identity] != object.digestBytes, seen.insert(object.digestBytes).inserted {
                    digests.append(object.digestBytes)
                }
                previous[release, default: [:]][identity] = object.digestBytes
            }
        }
        return digests
    }

    /// The stored objects whose values the plan needs: the previous version of each object
    /// that changed in the first revision of a release in the batch (later ones take their
    /// bases from the batch itself).
    package static func basesToRead(for entries: [EncodedEntry], heads: [ReleaseID: ReleaseHead],
                                   stored: [Data: PlannedObjectState]) -> Set<Data> {
        var firstSeen = Set<ReleaseID>()
        var needed = Set<Data>()
        for case .revision(let draft) in entries where firstSeen.insert(draft.draft.release).inserted {
            guard let head = heads[draft.draft.release], head.latest?.contentDigest != draft.contentDigest else { continue }
            func need(_ object: EncodedObject, _ base: PlannedObjectState?) {
                guard let base, base.digest != object.digestBytes, stored[object.digestBytes] == nil,
                      base.depth < maximumDepth else { return }
                needed.insert(base.digest)
            }
            need(draft.spec, head.spec)
            for object in draft.objects { need(object, head.objects[object.identity]) }
        }
        return needed
    }

    /// The writes that record `entries` in order, and one outcome per entry (nil for events).
    package mutating func plan(_ entries: [EncodedEntry]) throws(StoreError) -> (writes: [PlannedWrite], outcomes: [RecordOutcome?]) {
        var writes: [PlannedWrite] = []
        var outcomes: [RecordOutcome?] = []
        for entry in entries {
            switch entry {
            case .event(var event):
                if let now { event.createdAt = now }
                writes.append(.event(link(event)))
                outcomes.append(nil)
            case .copiedEvent(let event, let position, let digest):
                writes.append(.event(try link(copied: event, position: position, digest: digest)))
                outcomes.append(nil)
            case .revision(let draft):
                outcomes.append(try plan(draft, into: &writes))
            }
        }
        return (writes, outcomes)
    }

    private mutating func plan(_ encoded: EncodedDraft, into writes: inout [PlannedWrite]) throws(StoreError) -> RecordOutcome {
        let draft = encoded.draft
        var metadata = draft.metadata
        if let now, encoded.copy == nil { metadata.createdAt = now }
        let head = heads[draft.release] ?? .empty
        let event = { (outcome: EventOutcome, number: Int) in
            EventDraft(release: draft.release, kind: EventKind(metadata.action), outcome: outcome, revision: number,
                       author: metadata.author, createdAt: metadata.createdAt,
                       // A recorded revision keeps its origin itself; the event needs it only when no revision does.
                       origin: outcome == .recorded ? nil : metadata.origin,
                       // Likewise the change record: on the revision, or on the event when no revision was recorded.
                       change: outcome == .recorded ? ChangeRecord() : metadata.change)
        }
        if let latest = head.latest, latest.contentDigest == encoded.contentDigest, metadata.restoredFrom == nil, encoded.copy == nil {
            writes.append(.event(link(event(.unchanged, latest.number))))
            return .unchanged(latest)
        }
        let number = (head.latest?.number ?? 0) + 1
        let (chain, position) = try link(encoded, number: number, metadata: metadata, head: head.link)
        var next = ReleaseHead(latest: nil, spec: try store(encoded.spec, base: head.spec, into: &writes), objects: [:])
        var digests: [Data] = []
        for object in encoded.objects {
            let written = try store(object, base: head.objects[object.identity], into: &writes)
            next.objects[object.identity] = written
            digests.append(object.digestBytes)
        }
        let revision = Revision(release: draft.release, number: number, metadata: metadata, summary: draft.summary,
                                contentDigest: encoded.contentDigest, chainDigest: chain, position: position)
        writes.append(.revision(NewRevision(revision: revision, specDigest: encoded.spec.digestBytes, objectDigests: digests,
                                            secretHashes: draft.secretHashes)))
        next.latest = revision
        next.link = LinkHead(latest: revision)
        heads[draft.release] = next
        // A copied revision brings its own events with it.
        if encoded.copy == nil { writes.append(.event(link(event(.recorded, number)))) }
        return .recorded(revision)
    }

    /// Plans `encoded`'s row unless an object with its digest is stored or planned already.
    /// - Parameter base: the previous version of the same object, when there is one.
    private mutating func store(_ encoded: EncodedObject, base: PlannedObjectState?,
                                into writes: inout [PlannedWrite]) throws(StoreError) -> PlannedObjectState {
        let digest = encoded.digestBytes
        var state: PlannedObjectState
        if let base, base.digest == digest {
            state = base
        } else if let found = known[digest] {
            state = found
        } else {
            var body: ObjectBody?
            var depth = 0
            if let base, base.depth < Self.maximumDepth {
                let delta: ObjectBody
                if let prepared = encoded.delta, prepared.baseDigest == base.digest {
                    delta = prepared.body
                } else {
                    guard let baseValue = base.value ?? baseValues[base.digest] else {
                        throw .corrupt(location: location, detail: "the base of object \(encoded.digest) was not read")
                    }
                    delta = ObjectBody.delta(JSONDelta.operations(from: baseValue, to: encoded.value))
                }
                // Deflated canonical JSON is about a quarter of its size: below that, the delta wins.
                if delta.bytes.count * 4 < encoded.bytes.count {
                    body = delta
                    depth = base.depth + 1
                }
            }
            let stored = body ?? ObjectBody.whole(encoded.bytes)
            writes.append(.object(NewObject(digest: digest, identity: encoded.identity, baseDigest: body == nil ? nil : base?.digest,
                                            depth: depth, encoding: stored.encoding.rawValue, body: stored.bytes)))
            state = PlannedObjectState(digest: digest, depth: depth)
            known[digest] = state
        }
        state.value = encoded.value
        return state
    }
}
