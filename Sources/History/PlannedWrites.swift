import Foundation
import Ledger
import ObjectModel

/// A stored object as the rules see it: its digest's raw bytes and how many deltas lie between
/// it and a whole body; its value when it is at hand.
package struct PlannedObjectState: Sendable {
    package let digest: Data
    package let depth: Int
    var value: JSONValue?

    package init(digest: Data, depth: Int) {
        self.digest = digest
        self.depth = depth
    }
}

/// What a store knows of one release inside the write transaction, after it has locked the
/// release: its latest revision and that revision's objects, the bases of the next ones.
package struct ReleaseHead: Sendable {
    /// The latest revision; nil for a release with none yet.
    package var latest: Revision?
    /// The latest revision's spec object.
    package var spec: PlannedObjectState?
    /// The latest revision's objects, by identity.
    package var objects: [ObjectIdentity: PlannedObjectState]
    /// The latest link of the release's chain, revision or event.
    package var link: LinkHead

    package init(latest: Revision?, spec: PlannedObjectState?, objects: [ObjectIdentity: PlannedObjectState], link: LinkHead? = nil) {
        self.latest = latest
        self.spec = spec
        self.objects = objects
        self.link = link ?? LinkHead(latest: latest)
    }

    /// A release with no revision.
    package static let empty = ReleaseHead(latest: nil, spec: nil, objects: [:])
}

/// The latest link of a release's chain, which the next link continues.
package struct LinkHead: Sendable, Hashable {
    /// Its position (0 for a release with no link); a plain revision's position is its number.
    package var position: Int
    /// Its digest, `sha256:<hex>`; nil for a release with no link.
    package var digest: String?
    /// True once the release has a keyed link: a plain one may no longer follow.
    package var keyed: Bool

    package init(position: Int, digest: String?, keyed: Bool) {
        self.position = position
        self.digest = digest
        self.keyed = keyed
    }

    /// The head of a release whose latest link is `latest` when that is a keyed revision, or
    /// whose links are all plain revisions up to `latest`.
    package init(latest: Revision?) {
        if let position = latest?.position {
            self.init(position: position, digest: latest?.chainDigest, keyed: true)
        } else {
            self.init(position: latest?.number ?? 0, digest: latest?.chainDigest, keyed: false)
        }
    }
}

/// An object row to insert: whole, or a delta against `baseDigest`.
package struct NewObject: Sendable {
    package let digest: Data
    package let identity: ObjectIdentity
    package let baseDigest: Data?
    package let depth: Int
    package let encoding: Int
    package let body: Data
}

/// A revision row to insert, with its objects (spec first) named by digest.
package struct NewRevision: Sendable {
    package let revision: Revision
    package let specDigest: Data
    package let objectDigests: [Data]
    package let secretHashes: [SecretHash]
}

/// One write of a plan, in the order it must happen (an object before what is built on it, a
/// revision before its event).
package enum PlannedWrite: Sendable {
    case object(NewObject)
    case revision(NewRevision)
    case event(NewEvent)
}

/// An event row to insert, with its link (nil for an event copied from a ledger written
/// before events were links).
package struct NewEvent: Sendable {
    package let event: EventDraft
    package let position: Int?
    package let chainDigest: String?
}
