// TEMPORARY stand-in for the wt-tested branch's file of the same name (replaced at merge).
extension EventKind {
    public static let dryRun = EventKind(rawValue: "dry-run")
}

extension Event {
    public var dryRunContentDigest: String? { draft.detail?["contentDigest"]?.stringValue }
}
