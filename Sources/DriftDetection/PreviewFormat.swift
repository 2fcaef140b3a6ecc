import ObjectModel
import StructuralDiff

/// How `apply --diff` and `rollback --diff` print an ``ApplyPreview``.
///
/// Human: the field changes per object in `dsledger diff`'s format (`old → new`, multi-line
/// strings as line diffs, `secret changed` with fingerprints), a conflict under the field it
/// concerns; then each object that would be created (`+`) or pruned (`-`), whole, as canonical
/// YAML; then the objects left in place. Nothing at all when nothing would change.
///
/// JSON (stable):
/// ```json
/// {"changes": [{"object", "path", "change", "old"?, "new"?, "conflict"?: {"manager", "operation", "time"}}],
///  "created": [{"object", "content"}], "pruned": [{"object", "content"}], "leftInPlace": ["v1/ConfigMap/ops/x"],
///  "conflicts": 1, "changed": false}
/// ```
/// `changed` is true when the apply would change anything (the exit code is then 1).
public enum PreviewFormat {
    /// The human format; `force` says whether the apply would take conflicting fields over.
    public static func human(_ preview: ApplyPreview, force: Bool, color: Bool) -> String {
        let paint = Paint(enabled: color)
        let conflicts = Dictionary(preview.changes.map { ($0.change, $0.conflict) }, uniquingKeysWith: { first, _ in first })
        var out = DiffFormat.human(preview.changes.map(\.change), color: color) { change in
            guard case let owner?? = conflicts[change] else { return nil }
            let operation = owner.operation.isEmpty ? "" : " (\(owner.operation))"
            return "conflict: owned by \(owner.manager.escapingControlCharacters)\(operation.escapingControlCharacters); "
                + (force ? "--force-conflicts takes it over" : "the apply is refused without --force-conflicts")
        }
        for object in preview.created {
            out += paint.green("+ ") + paint.bold(ObjectIdentity(object).title) + " (created)\n" + whole(object, sign: "+", paint: paint)
        }
        for object in preview.pruned {
            out += paint.red("- ") + paint.bold(ObjectIdentity(object).title) + " (pruned)\n" + whole(object, sign: "-", paint: paint)
        }
        for name in preview.leftInPlace {
            out += "= " + paint.bold(name.title) + " (no longer rendered; left in place, --prune deletes it)\n"
        }
        return out
    }

    /// The JSON format, with a trailing newline.
    public static func json(_ preview: ApplyPreview) -> String {
        let changes = zip(DiffFormat.jsonItems(preview.changes.map(\.change)), preview.changes).map { item, change in
            guard let owner = change.conflict, case .object(var fields) = item else { return item }
            fields["conflict"] = .object(["manager": .string(owner.manager), "operation": .string(owner.operation),
                                          "time": .string(owner.time)])
            return .object(fields)
        }
        let whole = { (objects: [JSONValue]) -> JSONValue in
            .array(objects.map { .object(["object": .string(ObjectIdentity($0).description), "content": SecretMarker.fingerprinted($0)]) })
        }
        return CanonicalJSON.pretty([
            "changes": .array(changes), "created": whole(preview.created), "pruned": whole(preview.pruned),
            "leftInPlace": .array(preview.leftInPlace.map { .string($0.description) }),
            "conflicts": .int(Int64(preview.conflicts.count)), "changed": .bool(!preview.isEmpty),
        ])
    }

    /// One line per line of the object's canonical YAML, secret values as fingerprints.
    private static func whole(_ object: JSONValue, sign: String, paint: Paint) -> String {
        CanonicalYAML.document(SecretMarker.fingerprinted(object)).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.isEmpty && $0 != "---" }
            .map { line in "    " + (sign == "+" ? paint.green("+ \(line)") : paint.red("- \(line)")) + "\n" }
            .joined()
    }
}
