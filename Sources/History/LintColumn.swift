import Ledger
import ObjectModel

/// How a revision's ``RevisionMetadata/lint`` is kept in the `lint` column of `revision`, the
/// same way in every store: a compact JSON array of `{rule, severity, path}`, NULL when nothing
/// was recorded.
package enum LintColumn {
    /// The column's text: `nil` when no lint was recorded, `[]` when the manifest linted clean.
    package static func text(_ lint: [LintRecord]?) -> String? {
        lint.map { CanonicalJSON.compact(LintRecord.json($0)) }
    }

    /// The findings the column holds: `nil` for NULL. Text that is not a JSON array of records
    /// reads as what can be read of it (see ``LintRecord/records(_:)``), which the link then
    /// does not match.
    package static func lint(_ text: String?) -> [LintRecord]? {
        guard let text else { return nil }
        return LintRecord.records((try? JSONValue(parsingJSON: text)) ?? .null)
    }
}
