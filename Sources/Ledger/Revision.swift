import Foundation
import ObjectModel

/// A release: one DaemonSet and everything rendered with it, named by namespace and name.
public struct ReleaseID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `namespace/name`.
    public var description: String { "\(namespace)/\(name)" }

    public static func < (lhs: ReleaseID, rhs: ReleaseID) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// What produced a revision.
public enum RevisionAction: String, Sendable, Hashable, CaseIterable {
    case render, apply, rollback, `import`
}

/// The update strategy and images of a revision: the columns `history` shows and queries use.
public struct RevisionSummary: Sendable, Hashable {
    public var strategyType: String?
    public var maxUnavailable: String?
    public var maxSurge: String?
    public var minReadySeconds: Int64?
    /// Every container image of the pod template, init containers first, in order.
    public var images: [String]

    public init(strategyType: String? = nil, maxUnavailable: String? = nil, maxSurge: String? = nil,
                minReadySeconds: Int64? = nil, images: [String] = []) {
        self.strategyType = strategyType
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
        self.minReadySeconds = minReadySeconds
        self.images = images
    }
}

/// The keyed hash of one secret value: HMAC-SHA256 under the store's key, never the value.
public struct SecretHash: Sendable, Hashable {
    /// The Secret's name (in the release's namespace).
    public var secret: String
    /// The key inside the Secret (`ES_PASSWORD`, `.dockerconfigjson`).
    public var key: String
    /// Lowercase hex of the HMAC.
    public var hmac: String

    public init(secret: String, key: String, hmac: String) {
        self.secret = secret
        self.key = key
        self.hmac = hmac
    }

    /// The short form output shows: `sha256:1a2b3c4d…`.
    public var fingerprint: String { "sha256:" + hmac.prefix(8) + "…" }
}

/// Who recorded a revision, when, with what, and why.
public struct RevisionMetadata: Sendable, Hashable {
    public var action: RevisionAction
    public var author: String
    public var message: String?
    public var sourceFile: String?
    public var toolVersion: String
    /// UTC, millisecond precision.
    public var createdAt: Date
    /// For a rollback: the revision whose content this one restores.
    public var restoredFrom: Int?
    /// For an imported revision: where it came from, `git:<commit>` or
    /// `cluster:<controllerrevision-name>`; `nil` for revisions dsledger rendered itself.
    public var origin: String?
    /// True when the revision holds only part of a release (a DaemonSet rebuilt from a
    /// ControllerRevision: no update strategy, Secrets, ConfigMaps or RBAC).
    public var partial: Bool
    /// For an imported revision: when its source was written (the commit's author time, the
    /// ControllerRevision's creation), kept apart from `createdAt`, when the ledger recorded it.
    public var sourceTime: Date?
    /// The ticket, approvers and emergency reason given with the change (empty when none were).
    public var change: ChangeRecord
    /// The lint findings of the manifest recorded (rule, severity, path; never a value): `nil`
    /// when none were recorded (revisions from before, imports), empty when it linted clean.
    public var lint: [LintRecord]?

    public init(action: RevisionAction, author: String, message: String? = nil, sourceFile: String? = nil,
                toolVersion: String, createdAt: Date, restoredFrom: Int? = nil, origin: String? = nil,
                partial: Bool = false, sourceTime: Date? = nil, change: ChangeRecord = ChangeRecord(),
                lint: [LintRecord]? = nil) {
        self.change = change
        self.lint = lint
        self.sourceTime = sourceTime.map(Timestamp.truncated)
        self.action = action
        self.author = author
        self.message = message
        self.sourceFile = sourceFile
        self.toolVersion = toolVersion
        self.createdAt = Timestamp.truncated(createdAt)
        self.restoredFrom = restoredFrom
        self.origin = origin
        self.partial = partial
    }
}

/// Where an imported revision came from, parsed from ``RevisionMetadata/origin``.
public enum RevisionOrigin: Sendable, Hashable, CustomStringConvertible {
    /// A committed version of a manifest: the commit id.
    case git(commit: String)
    /// A live DaemonSet's ControllerRevision: its name.
    case cluster(controllerRevision: String)

    /// Parses `git:<commit>` or `cluster:<name>`; `nil` for anything else.
    public init?(_ text: String) {
        if text.hasPrefix("git:") {
            self = .git(commit: String(text.dropFirst(4)))
        } else if text.hasPrefix("cluster:") {
            self = .cluster(controllerRevision: String(text.dropFirst(8)))
        } else {
            return nil
        }
    }

    /// The stored form: `git:<commit>` or `cluster:<name>`.
    public var stored: String {
        switch self {
        case .git(let commit): return "git:" + commit
        case .cluster(let name): return "cluster:" + name
        }
    }

    /// The short form `history` shows: `git abc1234`, `cluster agent-5d8f…`.
    public var description: String {
        switch self {
        case .git(let commit): return "git " + commit.prefix(7)
        case .cluster(let name): return "cluster " + name
        }
    }
}

/// A recorded revision, without its objects.
public struct Revision: Sendable, Hashable {
    public var release: ReleaseID
    /// 1, 2, 3… per release, never reused or renumbered.
    public var number: Int
    public var metadata: RevisionMetadata
    public var summary: RevisionSummary
    public var contentDigest: String
    /// The revision's link digest: keyed (see ``Digests/revisionLink(key:previous:position:release:number:contentDigest:metadata:summary:)``)
    /// when ``position`` is set, else plain SHA-256 (a ledger written before links were keyed).
    public var chainDigest: String
    /// The revision's place in its release's chain of revisions and events, from 1; nil for a
    /// plain link written before links were keyed.
    public var position: Int?

    public init(release: ReleaseID, number: Int, metadata: RevisionMetadata, summary: RevisionSummary,
                contentDigest: String, chainDigest: String, position: Int? = nil) {
        self.position = position
        self.release = release
        self.number = number
        self.metadata = metadata
        self.summary = summary
        self.contentDigest = contentDigest
        self.chainDigest = chainDigest
    }
}

/// RFC 3339 UTC timestamps with milliseconds, the one time format of the store and its output.
///
/// Formatting and parsing go through whole milliseconds, so `format(parse(text)!) == text` for
/// every text `format` produced: the hash chain depends on it.
public enum Timestamp {
    /// `2026-11-02T10:14:03.120Z`.
    public static func format(_ date: Date) -> String {
        let millis = milliseconds(date)
        // Floor division: before 1970 the fraction must still count forward from a whole second.
        let fraction = ((millis % 1000) + 1000) % 1000
        var seconds = time_t((millis - fraction) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        if (0...9999).contains(year) {
            // The usual case, written byte by byte: `YYYY-MM-DDTHH:MM:SS.mmmZ`.
            return String(unsafeUninitializedCapacity: 24) { out in
                var offset = 0
                func put(_ value: Int, _ width: Int, then separator: Unicode.Scalar) {
                    var rest = value
                    for digit in (offset..<(offset + width)).reversed() {
                        out[digit] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                    out[offset + width] = UInt8(ascii: separator)
                    offset += width + 1
                }
                put(year, 4, then: "-")
                put(Int(parts.tm_mon) + 1, 2, then: "-")
                put(Int(parts.tm_mday), 2, then: "T")
                put(Int(parts.tm_hour), 2, then: ":")
                put(Int(parts.tm_min), 2, then: ":")
                put(Int(parts.tm_sec), 2, then: ".")
                put(Int(fraction), 3, then: "Z")
                return offset
            }
        }
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(fraction), 3))Z"
    }

    /// Parses what ``format(_:)`` produces (and RFC 3339 UTC without fractional seconds).
    public static func parse(_ text: String) -> Date? {
        if let date = parseExact(text) { return date }
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains("."))
        guard let date = try? style.parse(text) else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    /// The fast path for `YYYY-MM-DDTHH:MM:SS.mmmZ`, read field by field.
    private static func parseExact(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
            bytes[19] == 46, bytes[23] == 90
        else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for index in range {
                guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                value = value * 10 + Int32(bytes[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23)
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(Int64(seconds) * 1000 + Int64(millis)) / 1000)
    }

    /// The date at millisecond precision, so that what is stored reads back equal.
    public static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
