import ObjectModel

/// The detail of a `dry-run` event (``EventKind/dryRun``): a server dry run of one revision's
/// objects, recorded with outcome `succeeded` (the API server accepted every object) or `failed`.
/// It records no revision and is never applied.
///
/// Detail members: `contentDigest` (the content digest the objects have, whether or not a revision
/// holds it), `objects` (each object checked, `{apiVersion, kind, namespace?, name}`, in apply
/// order) and, when it failed, `error` (the server's message, never a secret value). The event's
/// `revision` is the recorded revision with that content (the latest, when unchanged), else nil.
public enum DryRunDetail {
    /// The detail key of the content digest.
    public static let contentDigestKey = "contentDigest"
    /// The detail key of the objects checked.
    public static let objectsKey = "objects"
    /// The detail key of a failed dry run's error.
    public static let errorKey = "error"
}

extension Event {
    /// For a `dry-run` event: the content digest of what was dry-run; `nil` for other events.
    public var dryRunContentDigest: String? {
        guard draft.kind == .dryRun else { return nil }
        return draft.detail?[DryRunDetail.contentDigestKey]?.stringValue
    }
}
