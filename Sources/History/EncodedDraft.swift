import Foundation
import Ledger
import ObjectModel

/// An object with everything its row needs that can be worked out before the write
/// transaction: canonical JSON, digest, identity columns, and (for a batch) its delta against
/// the previous version.
struct EncodedObject: Sendable {
    let value: JSONValue
    let bytes: [UInt8]
    let digest: String
    /// The digest's 32 raw bytes, as the `digest` column holds them.
    let digestBytes: Data
    /// The columns that name it, which pair it with its previous version.
    let identity: ObjectIdentity
    /// The previous version of this object in the same batch, and the delta from it: worked
    /// out in parallel, used by the writer when that version is indeed the base.
    var delta: (baseDigest: Data, body: ObjectBody)?

    init(_ value: JSONValue) {
        bytes = CanonicalJSON.compactBytes(value)
        self.value = value
        digestBytes = Data(ContentDigest.sha256(bytes))
        digest = "sha256:" + ContentDigest.hex(digestBytes)
        identity = ObjectIdentity(apiVersion: ObjectWriter.apiVersion(of: value), kind: value["kind"]?.stringValue ?? "", value)
    }

    /// Works out the delta from `base`, the previous version, unless the object is unchanged.
    mutating func prepareDelta(from base: EncodedObject) {
        guard base.digestBytes != digestBytes else { return }
        delta = (base.digestBytes, ObjectBody.delta(JSONDelta.operations(from: base.value, to: value)))
    }
}

/// A draft with its spec and objects encoded, and its content digest. A class: the parallel
/// pass that works out deltas fills in each draft where it lies, without copying it.
final class EncodedDraft: @unchecked Sendable {
    let draft: RevisionDraft
    private(set) var spec: EncodedObject
    private(set) var objects: [EncodedObject]
    let contentDigest: String

    init(_ draft: RevisionDraft) {
        self.draft = draft
        spec = EncodedObject(draft.spec)
        objects = draft.objects.map(EncodedObject.init)
        contentDigest = Digests.content(specDigest: spec.digest, objectDigests: objects.map(\.digest))
    }

    /// Works out each object's delta from its version in `previous`, the release's revision
    /// before this one in the batch.
    func prepareDeltas(from previous: EncodedDraft) {
        spec.prepareDelta(from: previous.spec)
        var bases: [ObjectIdentity: Int] = [:]
        for (index, object) in previous.objects.enumerated() { bases[object.identity] = index }
        for index in objects.indices {
            if let base = bases[objects[index].identity] { objects[index].prepareDelta(from: previous.objects[base]) }
        }
    }
}

/// A ``LedgerEntry`` ready to write: a draft encoded, or an event as it is.
enum EncodedEntry: Sendable {
    case revision(EncodedDraft)
    case event(EventDraft)

    init(_ entry: LedgerEntry) {
        switch entry {
        case .revision(let draft): self = .revision(EncodedDraft(draft))
        case .event(let event): self = .event(event)
        }
    }
}

/// Fixed-size storage that concurrent workers fill, each writing only its own slots.
final class UnsafeSendableBuffer<Element>: @unchecked Sendable {
    private var slots: [Element?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Element) {
        lock.withLock { slots[index] = value }
    }

    /// Every slot's value; all must have been set.
    var values: [Element] { lock.withLock { slots.compactMap { $0 } } }
}

/// A value handed to concurrent workers that only read it.
final class UnsafeSendableBox<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
