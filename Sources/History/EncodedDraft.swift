import Foundation
import Ledger
import ObjectModel

/// An object with its canonical JSON and digest, computed once.
struct EncodedObject: Sendable {
    let value: JSONValue
    let bytes: [UInt8]
    let digest: String

    init(_ value: JSONValue) {
        bytes = CanonicalJSON.compactBytes(value)
        self.value = value
        digest = ContentDigest.of(bytes)
    }
}

/// A draft with its spec and objects encoded, and its content digest.
struct EncodedDraft: Sendable {
    let draft: RevisionDraft
    let spec: EncodedObject
    let objects: [EncodedObject]
    let contentDigest: String

    init(_ draft: RevisionDraft) {
        self.draft = draft
        spec = EncodedObject(draft.spec)
        objects = draft.objects.map(EncodedObject.init)
        contentDigest = Digests.content(specDigest: spec.digest, objectDigests: objects.map(\.digest))
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
