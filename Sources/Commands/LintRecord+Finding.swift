import Ledger
import Linting
import ManifestModel
import ObjectModel

extension LintRecord {
    /// The record of a finding: its rule, severity and path; never its message, which may quote
    /// a value of the manifest.
    init(_ finding: Finding) {
        self.init(rule: finding.rule, severity: finding.severity, path: finding.path.description)
    }

    /// The records of every finding of `manifest`, in the linter's order (`[]` when it is clean).
    static func of(_ manifest: Manifest) -> [LintRecord] {
        Linter.findings(in: manifest).map(LintRecord.init)
    }

    /// The records of a revision's recorded manifest (its spec, secret values sealed, which no
    /// rule reads), linted again; `nil` when there is no manifest to read (a revision imported
    /// from a ControllerRevision) or it no longer reads as one.
    static func of(spec: JSONValue) -> [LintRecord]? {
        guard spec != .null, let manifests = try? ManifestReader.read(CanonicalJSON.compact(spec), file: "<recorded manifest>"),
              manifests.count == 1, let manifest = manifests.first else { return nil }
        return of(manifest)
    }

    /// `2 findings (pinned-image at spec.container.app.image.tag, node-selector at spec.node_selector)`,
    /// or `clean`: what `show` says of a revision's lint.
    static func summary(_ records: [LintRecord]) -> String {
        guard !records.isEmpty else { return "clean" }
        let noun = records.count == 1 ? "finding" : "findings"
        return "\(records.count) \(noun) (" + records.map { "\($0.rule) at \($0.path)" }.joined(separator: ", ") + ")"
    }
}
