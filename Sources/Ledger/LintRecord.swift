import ObjectModel

/// A lint finding as a revision keeps it: the rule and where, never a value.
///
/// A revision's ``RevisionMetadata/lint`` is `nil` when nothing was recorded (revisions made
/// before lint was kept, imports) and empty when the manifest linted clean. The messages the
/// linter prints are not kept: some quote the manifest's values.
public struct LintRecord: Sendable, Hashable {
    /// The rule's stable id, such as `pinned-image`.
    public var rule: String
    /// As the linter names it: `warning` (every finding today), `error`…
    public var severity: String
    /// The manifest field path as `lint` prints it (`spec.container.app.image.tag`).
    public var path: String

    /// A record.
    public init(rule: String, severity: String, path: String) {
        self.rule = rule
        self.severity = severity
        self.path = path
    }

    /// `{"rule", "severity", "path"}`: how the stores keep it, the chain covers it and
    /// `history -o json` shows it.
    public var json: JSONValue {
        ["rule": .string(rule), "severity": .string(severity), "path": .string(path)]
    }

    /// The record of a ``json`` value; `nil` when a member is missing or not text.
    public init?(json: JSONValue) {
        guard let rule = json["rule"]?.stringValue, let severity = json["severity"]?.stringValue,
              let path = json["path"]?.stringValue else { return nil }
        self.init(rule: rule, severity: severity, path: path)
    }

    /// The records as one JSON array, in order.
    public static func json(_ records: [LintRecord]) -> JSONValue { .array(records.map(\.json)) }

    /// The records of a stored array. A value that is not an array reads as no record at all
    /// (`[]`), and an item that is not a record is left out: either way the list differs from the
    /// one the revision's link covers, so `verify` reports the edit.
    public static func records(_ value: JSONValue) -> [LintRecord] {
        (value.arrayValue ?? []).compactMap(LintRecord.init(json:))
    }
}
