import ObjectModel

/// Whether a link of the chain is a revision or an event.
public enum LinkKind: String, Sendable, Hashable {
    case revision, event
}

extension Digests {
    /// A revision's keyed link: HMAC-SHA256 under the chain key of the canonical JSON of the
    /// link before it (`previous`, "" for the first), the link's `position` in the release's
    /// chain, the release, `"link": "revision"`, and everything the plain chain covers
    /// (``chain(previous:release:number:contentDigest:metadata:summary:)``).
    public static func revisionLink(key: ChainKey, previous: String?, position: Int, release: ReleaseID, number: Int,
                                    contentDigest: String, metadata: RevisionMetadata, summary: RevisionSummary) -> String {
        var fields = revisionFields(release: release, number: number, contentDigest: contentDigest, metadata: metadata, summary: summary)
        link(.revision, previous: previous, position: position, into: &fields)
        return key.digest(of: .object(fields))
    }

    /// An event's keyed link: as a revision's, over the event's kind, outcome, revision, author,
    /// time, context, server, details (canonical JSON), origin and change record (each part only
    /// when set).
    public static func eventLink(key: ChainKey, previous: String?, position: Int, event: EventDraft) -> String {
        var fields: [String: JSONValue] = [
            "namespace": .string(event.release.namespace),
            "name": .string(event.release.name),
            "kind": .string(event.kind.rawValue),
            "outcome": .string(event.outcome.rawValue),
            "author": .string(event.author),
            "createdAt": .string(Timestamp.format(event.createdAt)),
        ]
        if let revision = event.revision { fields["revision"] = .int(Int64(revision)) }
        if let cluster = event.cluster {
            fields["context"] = .string(cluster.context)
            fields["server"] = .string(cluster.server)
        }
        if let detail = event.detail { fields["detail"] = detail }
        if let origin = event.origin { fields["origin"] = .string(origin) }
        // Schema 8's fields (sqlite 0008, postgresql 0003) enter only when set, so older links keep their digests.
        event.change.addFields(into: &fields)
        link(.event, previous: previous, position: position, into: &fields)
        return key.digest(of: .object(fields))
    }

    private static func link(_ kind: LinkKind, previous: String?, position: Int, into fields: inout [String: JSONValue]) {
        fields["previous"] = .string(previous ?? "")
        fields["position"] = .int(Int64(position))
        fields["link"] = .string(kind.rawValue)
    }
}
