// TEMPORARY stand-in for the wt-tested branch's file of the same name (replaced at merge).
public struct LintRecord: Sendable, Hashable {
    public var rule: String
    public var severity: String
    public var path: String
    public init(rule: String, severity: String, path: String) {
        self.rule = rule
        self.severity = severity
        self.path = path
    }
}

extension RevisionMetadata {
    public var lint: [LintRecord]? { nil }
}
