import Foundation
import Ledger
import ObjectModel

/// An object with everything its row needs that can be worked out before the write
/// transaction: canonical JSON, digest, identity columns, and (for a batch) its delta against
/// the previous version. A class, so that passing one around retains it once rather than each
/// of its fields; `delta` is set by one thread after the parallel passes, as with drafts.
package final class EncodedObject: @unchecked Sendable {
    package let value: JSONValue
    package let bytes: [UInt8]
    package let digest: String
    /// The digest's 32 raw bytes, as the `digest` column holds them.
    package let digestBytes: Data
    /// The columns that name it, which pair it with its previous version.
    package let identity: ObjectIdentity
    /// The previous version of this object in the same batch, and the delta from it: worked
    /// out in parallel, used by the writer when that version is indeed the base.
    package var delta: PreparedDelta?

    package init(_ value: JSONValue) {
        bytes = CanonicalJSON.compactBytes(value)
        self.value = value
        digestBytes = Data(ContentDigest.sha256(bytes))
        digest = "sha256:" + ContentDigest.hex(digestBytes)
        identity = ObjectIdentity(apiVersion: Self.apiVersion(of: value), kind: value["kind"]?.stringValue ?? "", value)
    }

    /// A manifest spells it `api_version` or `apiVersion`; a Kubernetes object `apiVersion`.
    static func apiVersion(of object: JSONValue) -> String {
        object["apiVersion"]?.stringValue ?? object["api_version"]?.stringValue ?? ""
    }

    /// `value` encoded, taking the encoding of `earlier` when `value` equals its value: equal
    /// values have one canonical encoding (``CanonicalJSON``), so it need not be worked out
    /// again. Comparing costs less than encoding and hashing, and stops at the first difference.
    convenience init(_ value: JSONValue, reusing earlier: EncodedObject?) {
        if let earlier, earlier.value == value {
            self.init(copying: earlier)
        } else {
            self.init(value)
        }
    }

    /// The same object again, without the delta worked out for `other`'s place in the batch.
    private init(copying other: EncodedObject) {
        (value, bytes, digest, digestBytes, identity) = (other.value, other.bytes, other.digest, other.digestBytes, other.identity)
    }

    /// The delta from `base`, the previous version; nil when the object is unchanged.
    func delta(from base: EncodedObject) -> PreparedDelta? {
        guard base.digestBytes != digestBytes else { return nil }
        return (base.digestBytes, ObjectBody.delta(JSONDelta.operations(from: base.value, canonical: base.bytes, to: value, canonical: bytes)))
    }
}

/// A delta worked out before the write transaction, and the digest of the version it is from.
package typealias PreparedDelta = (baseDigest: Data, body: ObjectBody)

/// A draft with its spec and objects encoded, and its content digest. A class, so that deltas
/// worked out in parallel are filled in where the draft lies, without copying it (one thread
/// fills them in, after every worker has finished reading).
package final class EncodedDraft: @unchecked Sendable {
    package let draft: RevisionDraft
    package let spec: EncodedObject
    package let objects: [EncodedObject]
    package let contentDigest: String
    /// For a revision copied from another ledger: the number, chain digest and position it had there.
    package var copy: (number: Int, chainDigest: String, position: Int?)?

    /// - Parameter previous: an earlier draft (usually the version before); each object equal to
    ///   the earlier one at the same place takes its encoding.
    package init(_ draft: RevisionDraft, previous: EncodedDraft? = nil) {
        self.draft = draft
        spec = EncodedObject(draft.spec, reusing: previous?.spec)
        let earlier = previous?.objects ?? []
        objects = draft.objects.enumerated().map { index, value in
            EncodedObject(value, reusing: index < earlier.count ? earlier[index] : nil)
        }
        contentDigest = Digests.content(specDigest: spec.digest, objectDigests: objects.map(\.digest))
    }

    /// Each object's delta from its version in `previous`, the release's revision before this
    /// one in the batch (the spec's first). Reads only: safe while other drafts are read too.
    func deltas(from previous: EncodedDraft) -> [PreparedDelta?] {
        var bases: [ObjectIdentity: Int] = [:]
        for (index, object) in previous.objects.enumerated() { bases[object.identity] = index }
        return [spec.delta(from: previous.spec)] + objects.map { object in
            bases[object.identity].flatMap { object.delta(from: previous.objects[$0]) }
        }
    }

    /// Keeps the deltas `deltas(from:)` worked out.
    func keep(_ deltas: [PreparedDelta?]) {
        spec.delta = deltas.first ?? nil
        for (index, delta) in deltas.dropFirst().enumerated() { objects[index].delta = delta }
    }
}

/// A ``LedgerEntry`` ready to write: a draft encoded, or an event as it is.
package enum EncodedEntry: Sendable {
    case revision(EncodedDraft)
    case event(EventDraft)
    /// An event copied from another ledger, which keeps its time and link.
    case copiedEvent(EventDraft, position: Int?, chainDigest: String?)

    /// - Parameter previous: the draft encoded just before, whose encodings may be reused.
    package init(_ entry: LedgerEntry, previous: EncodedDraft? = nil) {
        switch entry {
        case .revision(let draft): self = .revision(EncodedDraft(draft, previous: previous))
        case .event(let event): self = .event(event)
        case .copiedRevision(let draft, let number, let chain, let position):
            let encoded = EncodedDraft(draft, previous: previous)
            encoded.copy = (number, chain, position)
            self = .revision(encoded)
        case .copiedEvent(let event, let position, let chain): self = .copiedEvent(event, position: position, chainDigest: chain)
        }
    }

    package var draft: EncodedDraft? {
        if case .revision(let draft) = self { return draft }
        return nil
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
