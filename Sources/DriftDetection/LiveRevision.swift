import ObjectModel

/// What a live DaemonSet says about the dsledger revision it carries: the
/// `dsledger.io/revision`, `dsledger.io/content-digest` and `dsledger.io/chain-digest`
/// annotations on its metadata. The cluster is a second witness of the ledger: the link it names
/// must be one the ledger has (``unknownLink(inLedger:)``).
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
    /// The annotation holding the revision's chain digest (its link in the ledger's chain).
    public static let chainDigestAnnotation = "dsledger.io/chain-digest"

    /// The revision number, when the annotation holds a number.
    public var revision: Int?
    /// The content digest, as written.
    public var contentDigest: String?
    /// The chain digest, as written; `nil` on DaemonSets applied before dsledger wrote it.
    public var chainDigest: String?

    /// A value from its parts.
    public init(revision: Int?, contentDigest: String?, chainDigest: String? = nil) {
        self.revision = revision
        self.contentDigest = contentDigest
        self.chainDigest = chainDigest
    }

    /// Reads the annotations; `nil` when the object carries neither.
    public init?(daemonSet: JSONValue) {
        let annotations = daemonSet["metadata"]?["annotations"]
        let revisionText = annotations?[Self.revisionAnnotation]?.stringValue
        let digest = annotations?[Self.contentDigestAnnotation]?.stringValue
        let chain = annotations?[Self.chainDigestAnnotation]?.stringValue
        guard revisionText != nil || digest != nil || chain != nil else { return nil }
        self.init(revision: revisionText.flatMap { Int($0) }, contentDigest: digest, chainDigest: chain)
    }

    /// What the ledger holds for the revision the annotations name: its content and chain digests.
    public struct LedgerLink: Sendable, Hashable {
        public var contentDigest: String
        public var chainDigest: String

        public init(contentDigest: String, chainDigest: String) {
            self.contentDigest = contentDigest
            self.chainDigest = chainDigest
        }
    }

    /// Why the annotations name a link the ledger does not have, or `nil` when the ledger has it.
    ///
    /// - Parameter link: the ledger's revision of the number the annotations name; `nil` when
    ///   the ledger has no such revision.
    /// - Returns: e.g. `the live DaemonSet names revision 7, which the ledger does not have`.
    ///   A digest the annotations leave out (a DaemonSet applied before dsledger wrote the chain
    ///   digest) is not compared.
    public func unknownLink(inLedger link: LedgerLink?) -> String? {
        guard let revision else { return "the live DaemonSet's \(Self.revisionAnnotation) annotation names no revision number" }
        guard let link else { return "the live DaemonSet names revision \(revision), which the ledger does not have" }
        if let chainDigest, chainDigest != link.chainDigest {
            return "the live DaemonSet names revision \(revision) with chain digest \(chainDigest); the ledger's revision \(revision) has \(link.chainDigest)"
        }
        if let contentDigest, contentDigest != link.contentDigest {
            return "the live DaemonSet names revision \(revision) with content digest \(contentDigest); the ledger's revision \(revision) has \(link.contentDigest)"
        }
        return nil
    }

    /// True when the annotations name `revision` (and `contentDigest`, when both are known).
    public func matches(revision other: Int, contentDigest otherDigest: String? = nil) -> Bool {
        guard revision == other else { return false }
        guard let contentDigest, let otherDigest else { return true }
        return contentDigest == otherDigest
    }
}
