// TEMPORARY stand-in for the wt-tested branch's file of the same name (replaced at merge).
import ObjectModel

public struct DriftFinding: Sendable, Hashable {
    public var object: ObjectIdentity
    public var path: String
    public var change: String
    public var manager: String?
    public var operation: String?
    public var time: String?
    public var fingerprint: String?
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
}

extension Event {
    public var driftFindings: [DriftFinding] { [] }
    public var driftFindingsLeftOut: Int { 0 }
}

extension DriftFinding {
    public var json: JSONValue { ["path": .string(path), "change": .string(change)] }
}
