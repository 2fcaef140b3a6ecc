import Foundation
import Ledger

extension RecordPlanner {
    /// `event` as the next link of its release's chain.
    mutating func link(_ event: EventDraft) -> NewEvent {
        let head = heads[event.release]?.link ?? LinkHead(latest: nil)
        let position = head.position + 1
        let digest = Digests.eventLink(key: chainKey, previous: head.digest, position: position, event: event)
        advance(event.release, to: LinkHead(position: position, digest: digest, keyed: true))
        return NewEvent(event: event, position: position, chainDigest: digest)
    }

    /// An event copied from another ledger: a link must be the next one here, with the same
    /// digest; an event that was no link there is none here either, and may only come before
    /// the release's first keyed link.
    mutating func link(copied event: EventDraft, position: Int?, digest: String?) throws(StoreError) -> NewEvent {
        let head = heads[event.release]?.link ?? LinkHead(latest: nil)
        guard let position, let digest else {
            if head.keyed { throw discontinuity("an event written before events were links", release: event.release, head: head) }
            return NewEvent(event: event, position: nil, chainDigest: nil)
        }
        let linked = link(event)
        guard linked.position == position, linked.chainDigest == digest else {
            throw discontinuity("link \(position), an event,", release: event.release, head: head)
        }
        return linked
    }

    /// A revision's link digest and position: keyed, the next link of its release's chain; for
    /// a revision copied as a plain link, the plain digest, which must come before any keyed link.
    mutating func link(_ encoded: EncodedDraft, number: Int, metadata: RevisionMetadata,
                       head: LinkHead) throws(StoreError) -> (digest: String, position: Int?) {
        let draft = encoded.draft
        if let copy = encoded.copy, copy.position == nil {
            let plain = Digests.chain(previous: head.digest, release: draft.release, number: number,
                                      contentDigest: encoded.contentDigest, metadata: metadata, summary: draft.summary)
            guard !head.keyed, copy.number == number, copy.chainDigest == plain else {
                throw discontinuity("revision \(copy.number), a plain link,", release: draft.release, head: head)
            }
            return (plain, nil)
        }
        let position = head.position + 1
        let digest = Digests.revisionLink(key: chainKey, previous: head.digest, position: position, release: draft.release,
                                          number: number, contentDigest: encoded.contentDigest, metadata: metadata, summary: draft.summary)
        if let copy = encoded.copy, copy.number != number || copy.chainDigest != digest || copy.position != position {
            throw discontinuity("revision \(copy.number) (link \(copy.position.map(String.init) ?? "none"))", release: draft.release, head: head)
        }
        return (digest, position)
    }

    private mutating func advance(_ release: ReleaseID, to link: LinkHead) {
        heads[release, default: .empty].link = link
    }

    private func discontinuity(_ what: String, release: ReleaseID, head: LinkHead) -> StoreError {
        .conflict(location: location,
                  detail: "\(what) of \(release) does not continue the release's chain here (its latest link is \(head.position); is the ledger key the same?)")
    }
}
