import Crypto
import Foundation
import ObjectModel

/// The content and chain digests that make the history tamper-evident.
public enum Digests {
    /// SHA-256 over the canonical JSON of `{objects: [object digests], spec}`.
    public static func content(spec: JSONValue, objects: [JSONValue]) -> String {
        content(specDigest: spec.contentDigest, objectDigests: objects.map(\.contentDigest))
    }

    /// The same, from the digests alone (as `verify` recomputes it).
    public static func content(specDigest: String, objectDigests: [String]) -> String {
        let value: JSONValue = ["spec": .string(specDigest), "objects": .array(objectDigests.map { .string($0) })]
        return value.contentDigest
    }

    /// SHA-256 over the previous revision's chain digest ("" for revision 1), this revision's
    /// content digest, every metadata field and the summary columns (strategy and images, which
    /// `history` shows): changing any of them, or any earlier revision, changes every later
    /// chain digest. The plain link of ledgers written before links were keyed
    /// (``revisionLink(key:previous:position:release:number:contentDigest:metadata:summary:)``).
    public static func chain(previous: String?, release: ReleaseID, number: Int, contentDigest: String,
                             metadata: RevisionMetadata, summary: RevisionSummary) -> String {
        var fields = revisionFields(release: release, number: number, contentDigest: contentDigest, metadata: metadata, summary: summary)
        fields["previous"] = .string(previous ?? "")
        return JSONValue.object(fields).contentDigest
    }

    /// What a revision's link covers besides the link before it: the release, the number, the
    /// content digest, every metadata field (the change record's parts and the lint findings only when set) and the
    /// summary columns.
    static func revisionFields(release: ReleaseID, number: Int, contentDigest: String,
                               metadata: RevisionMetadata, summary: RevisionSummary) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "namespace": .string(release.namespace),
            "name": .string(release.name),
            "number": .int(Int64(number)),
            "content": .string(contentDigest),
            "action": .string(metadata.action.rawValue),
            "author": .string(metadata.author),
            "toolVersion": .string(metadata.toolVersion),
            "createdAt": .string(Timestamp.format(metadata.createdAt)),
        ]
        if let message = metadata.message { fields["message"] = .string(message) }
        if let source = metadata.sourceFile { fields["sourceFile"] = .string(source) }
        if let restored = metadata.restoredFrom { fields["restoredFrom"] = .int(Int64(restored)) }
        // Schema 3's fields enter only when set, so chains recorded before them still verify.
        if let origin = metadata.origin { fields["origin"] = .string(origin) }
        if metadata.partial { fields["partial"] = .bool(true) }
        // Schema 6's field, likewise.
        if let source = metadata.sourceTime { fields["sourceTime"] = .string(Timestamp.format(source)) }
        // Schema 8's ticket, approvers and emergency reason, likewise.
        metadata.change.addFields(into: &fields)
        // Schema 10's lint findings (sqlite 0010, postgresql 0005), only when recorded: `[]` (linted
        // clean) enters, `nil` (not recorded) does not.
        if let lint = metadata.lint { fields["lint"] = LintRecord.json(lint) }
        fields["images"] = .array(summary.images.map { .string($0) })
        if let type = summary.strategyType { fields["strategyType"] = .string(type) }
        if let value = summary.maxUnavailable { fields["maxUnavailable"] = .string(value) }
        if let value = summary.maxSurge { fields["maxSurge"] = .string(value) }
        if let seconds = summary.minReadySeconds { fields["minReadySeconds"] = .int(seconds) }
        return fields
    }
}

/// The store's secret key, and the keyed hashes made with it.
public struct SecretKey: Sendable {
    let key: SymmetricKey

    /// A key from its 32 bytes.
    public init?(bytes: Data) {
        guard bytes.count == 32 else { return nil }
        key = SymmetricKey(data: bytes)
    }

    /// 32 new random bytes.
    public static func generateBytes() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// Lowercase hex of HMAC-SHA256(key, value).
    public func hmac(_ value: String) -> String {
        ContentDigest.hex(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key))
    }

    /// The marker that stands in for a secret value in stored objects and specs.
    public func marker(_ value: String) -> String {
        SecretSeal.markerPrefix + hmac(value)
    }
}
