import Foundation
import ObjectModel

/// A revision about to be recorded: sealed content (no plaintext secret anywhere) and metadata.
///
/// Build one with ``RevisionDraft/sealing(release:document:secretPaths:objects:metadata:key:)``.
public struct RevisionDraft: Sendable, Hashable {
    public var release: ReleaseID
    public var metadata: RevisionMetadata
    /// The manifest as written, every secret value replaced by its HMAC marker.
    public var spec: JSONValue
    /// The rendered objects in apply order, Secret data replaced by HMAC markers.
    public var objects: [JSONValue]
    public var secretHashes: [SecretHash]
    public var summary: RevisionSummary

    public init(release: ReleaseID, metadata: RevisionMetadata, spec: JSONValue, objects: [JSONValue],
                secretHashes: [SecretHash], summary: RevisionSummary) {
        self.release = release
        self.metadata = metadata
        self.spec = spec
        self.objects = objects
        self.secretHashes = secretHashes
        self.summary = summary
    }

    /// The digest of what the revision contains (spec and objects), independent of who
    /// recorded it and when: equal content, equal digest.
    public var contentDigest: String {
        Digests.content(spec: spec, objects: objects)
    }
}

/// How `record` went for one draft.
public enum RecordOutcome: Sendable, Hashable {
    /// A new revision.
    case recorded(Revision)
    /// The content equals the latest revision's; only an event was added.
    case unchanged(Revision)

    public var revision: Revision {
        switch self {
        case .recorded(let revision), .unchanged(let revision): return revision
        }
    }
}
