import ObjectModel

/// What a live DaemonSet says about the dsledger revision it carries: the
/// `dsledger.io/revision` and `dsledger.io/content-digest` annotations on its metadata.
///
/// A caller states this before listing drift: "live DaemonSet says revision 4, the store's
/// last applied is 5".
///
/// ```swift
/// if let live = LiveRevision(daemonSet: liveObject), live.revision != lastApplied { … }
/// ```
public struct LiveRevision: Sendable, Hashable {
    /// The annotation holding the revision number.
    public static let revisionAnnotation = "dsledger.io/revision"
    /// The annotation holding the revision's content digest.
    public static let contentDigestAnnotation = "dsledger.io/content-digest"

    /// The revision number, when the annotation holds a number.
    public var revision: Int?
    /// The content digest, as written.
    public var contentDigest: String?

    /// A value from its parts.
    public init(revision: Int?, contentDigest: String?) {
        self.revision = revision
        self.contentDigest = contentDigest
    }

    /// Reads the annotations; `nil` when the object carries neither.
    public init?(daemonSet: JSONValue) {
        let annotations = daemonSet["metadata"]?["annotations"]
        let revisionText = annotations?[Self.revisionAnnotation]?.stringValue
        let digest = annotations?[Self.contentDigestAnnotation]?.stringValue
        guard revisionText != nil || digest != nil else { return nil }
        self.init(revision: revisionText.flatMap { Int($0) }, contentDigest: digest)
    }

    /// True when the annotations name `revision` (and `contentDigest`, when both are known).
    public func matches(revision other: Int, contentDigest otherDigest: String? = nil) -> Bool {
        guard revision == other else { return false }
        guard let contentDigest, let otherDigest else { return true }
        return contentDigest == otherDigest
    }
}
