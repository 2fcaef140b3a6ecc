import ObjectModel
import StructuralDiff

/// How `dsledger drift` prints reports.
///
/// Human: items grouped per object, `expected → live`, each followed by its attribution
/// ("changed by kubectl-edit (Update) at 2026-11-02T10:14:03Z") when managedFields allow;
/// ANSI colours when asked. Secret values appear only as fingerprints.
///
/// JSON (stable; keys in this order, every key always present, `null` when unknown):
/// ```json
/// {
///   "release": "logging/fluent-bit",      // null offline
///   "revision": 5,                        // null offline
///   "unknownLink": null,                  // or why the live DaemonSet's annotations name a
///                                         // link the ledger does not have
///   "items": [
///     {"object": "apps/v1/DaemonSet/logging/fluent-bit",
///      "path": "spec.template.spec.containers[name=app].image",
///      "change": "changed",               // changed | added | removed | secretChanged | reordered
///      "expected": "example.com/app:1.0", // null for added
///      "live": "example.com/app:1.1",     // null for removed
///      "manager": "kubectl-edit", "operation": "Update", "time": "2026-11-02T10:14:03Z"}
///   ]
/// }
/// ```
/// `path` is empty for a whole object; for `reordered`, `expected` and `live` are the lists'
/// keys in order. Several reports (`drift --all`) print as a JSON array of such objects.
public enum DriftFormat {
    /// The human format of one report; an empty string when it is clean.
    public static func human(_ report: DriftReport, color: Bool) -> String {
        let paint = Paint(enabled: color)
        var out = report.unknownLink.map { paint.red("! link not in the ledger: \($0)") + "\n" } ?? ""
        var current: ObjectIdentity?
        for item in report.items {
            if item.path.isEmpty {
                out += paint.red("- ") + paint.bold(item.object.title) + " (removed from the cluster)\n"
                current = nil
                continue
            }
            if item.object != current {
                out += paint.bold(item.object.title) + "\n"
                current = item.object
            }
            out += "  " + line(item, paint: paint) + "\n"
            if let attribution = attribution(item) { out += "    " + paint.dim(attribution) + "\n" }
        }
        return out
    }

    /// "live DaemonSet says revision 4, the store's last applied is 5" when the live DaemonSet's
    /// annotations name another revision than the report's; `nil` when they agree or are absent.
    public static func revisionNote(_ report: DriftReport) -> String? {
        guard let expected = report.revision, let live = report.liveRevision, live.revision != expected else { return nil }
        let said = live.revision.map { "revision \($0)" } ?? "an unreadable revision"
        return "live DaemonSet says \(said), the store's last applied is \(expected)"
    }

    /// "changed by kubectl-edit (Update) at 2026-11-02T10:14:03Z"; `nil` when unattributed.
    public static func attribution(_ item: DriftItem) -> String? {
        guard let manager = item.manager else { return nil }
        var text = "\(item.change.verb) by \(manager.escapingControlCharacters)"
        if let operation = item.operation, !operation.isEmpty { text += " (\(operation))" }
        if let time = item.time, !time.isEmpty { text += " at \(time)" }
        return text
    }

    private static func line(_ item: DriftItem, paint: Paint) -> String {
        let path = item.path.description
        switch item.change {
        case .secretChanged:
            let name = item.object.namespace.map { "\($0)/\(item.object.name)" } ?? item.object.name
            let key = item.path.segments.last?.memberName ?? path
            return paint.yellow("secret changed: \(name) \(key) (\(text(item.expected)) → \(text(item.live)))")
        case .added:
            return paint.green("+ \(path): \(text(item.live))")
        case .removed:
            return paint.red("- \(path): \(text(item.expected))")
        case .reordered:
            return paint.yellow("↕ \(path): reordered (\(keys(item.expected)) → \(keys(item.live)))")
        case .changed:
            // A string on one side only (`1` → `"1"`): quote both, or it would read as no change.
            let typeChanged = (item.expected?.stringValue == nil) != (item.live?.stringValue == nil)
            let expected = typeChanged ? item.expected.map(CanonicalJSON.compact) ?? "(none)" : text(item.expected)
            let live = typeChanged ? item.live.map(CanonicalJSON.compact) ?? "(none)" : text(item.live)
            return paint.yellow("~ \(path): \(expected) → \(live)")
        }
    }

    private static func text(_ value: JSONValue?) -> String {
        DiffFormat.text(value.map(SecretMarker.fingerprinted))
    }

    private static func keys(_ value: JSONValue?) -> String {
        (value?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
    }
}
