import ObjectModel

/// One drift item as a drift event keeps it: never a value; a Secret's changed value only as a fingerprint.
///
/// A drift event's detail keeps at most ``DriftFinding/limit`` of them under `findings`, and how
/// many more were found under `findingsLeftOut`; its counts (`items`, `changes`) stay as before.
public struct DriftFinding: Sendable, Hashable {
    /// The object, as dsledger applied it.
    public var object: ObjectIdentity
    /// The field, e.g. `spec.template.spec.containers[name=app].image`; "" for a whole object.
    public var path: String
    /// The class of the difference: `changed`, `added`, `removed`, `secretChanged` or `reordered`.
    public var change: String
    /// The field manager that last wrote the path, when the live object says.
    public var manager: String?
    /// That manager's operation: `Update` or `Apply`.
    public var operation: String?
    /// When that manager last wrote, RFC 3339 as the server reported it.
    public var time: String?
    /// For a value of a Secret's data only: the fingerprint of the live value's HMAC under the
    /// ledger's key (`sha256:1a2b3c4d…`, the form `diff` shows for "secret changed"); else `nil`.
    public var fingerprint: String?

    /// The most findings a drift event keeps.
    public static let limit = 500

    /// A finding.
    public init(object: ObjectIdentity, path: String, change: String, manager: String? = nil, operation: String? = nil,
                time: String? = nil, fingerprint: String? = nil) {
        self.object = object
        self.path = path
        self.change = change
        self.manager = manager
        self.operation = operation
        self.time = time
        self.fingerprint = fingerprint
    }

    /// `{object: {apiVersion, kind, namespace?, name}, path, change, manager?, operation?, time?,
    /// fingerprint?}`: optional members only when set.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["object": .object(object.detailJSON), "path": .string(path), "change": .string(change)]
        if let manager { members["manager"] = .string(manager) }
        if let operation { members["operation"] = .string(operation) }
        if let time { members["time"] = .string(time) }
        if let fingerprint { members["fingerprint"] = .string(fingerprint) }
        return .object(members)
    }

    /// The finding of a ``json`` value; `nil` when the object, path or change is missing.
    public init?(json: JSONValue) {
        guard let object = json["object"].flatMap(ObjectIdentity.init(detailJSON:)), let path = json["path"]?.stringValue,
              let change = json["change"]?.stringValue else { return nil }
        self.init(object: object, path: path, change: change, manager: json["manager"]?.stringValue,
                  operation: json["operation"]?.stringValue, time: json["time"]?.stringValue,
                  fingerprint: json["fingerprint"]?.stringValue)
    }

    /// The detail members of a drift event for `findings`: the first ``limit`` under `findings`,
    /// and `findingsLeftOut` when there were more.
    public static func detail(_ findings: [DriftFinding]) -> [String: JSONValue] {
        var members: [String: JSONValue] = ["findings": .array(findings.prefix(limit).map(\.json))]
        if findings.count > limit { members["findingsLeftOut"] = .int(Int64(findings.count - limit)) }
        return members
    }
}

extension Event {
    /// The findings a drift event recorded (empty for events from before, or clean checks).
    public var driftFindings: [DriftFinding] {
        guard draft.kind == .drift else { return [] }
        return (draft.detail?["findings"]?.arrayValue ?? []).compactMap(DriftFinding.init(json:))
    }

    /// How many findings were left out of the stored list.
    public var driftFindingsLeftOut: Int {
        guard draft.kind == .drift, let count = draft.detail?["findingsLeftOut"]?.intValue else { return 0 }
        return Int(count)
    }
}
