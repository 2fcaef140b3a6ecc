import ObjectModel

extension DriftFormat {
    /// The documented JSON of one report (see ``DriftFormat``), with a trailing newline.
    public static func json(_ report: DriftReport) -> String {
        jsonObject(report, indent: "") + "\n"
    }

    /// Several reports as a JSON array, with a trailing newline.
    public static func json(_ reports: [DriftReport]) -> String {
        guard !reports.isEmpty else { return "[]\n" }
        return "[\n" + reports.map { "  " + jsonObject($0, indent: "  ") }.joined(separator: ",\n") + "\n]\n"
    }

    private static func jsonObject(_ report: DriftReport, indent: String) -> String {
        let release = report.release.map { JSONValue.string($0) } ?? .null
        let revision = report.revision.map { JSONValue.int(Int64($0)) } ?? .null
        var out = "{\n"
        out += "\(indent)  \"release\": \(CanonicalJSON.compact(release)),\n"
        out += "\(indent)  \"revision\": \(CanonicalJSON.compact(revision)),\n"
        out += "\(indent)  \"unknownLink\": \(CanonicalJSON.compact(report.unknownLink.map { .string($0) } ?? .null)),\n"
        if report.items.isEmpty { return out + "\(indent)  \"items\": []\n\(indent)}" }
        out += "\(indent)  \"items\": [\n"
        out += report.items.map { "\(indent)    " + itemJSON($0) }.joined(separator: ",\n")
        return out + "\n\(indent)  ]\n\(indent)}"
    }

    /// One item on one line, keys in the documented order.
    static func itemJSON(_ item: DriftItem) -> String {
        let fields: [(String, JSONValue)] = [
            ("object", .string(item.object.description)),
            ("path", .string(item.path.description)),
            ("change", .string(item.change.rawValue)),
            ("expected", item.expected.map(SecretMarker.fingerprinted) ?? .null),
            ("live", item.live.map(SecretMarker.fingerprinted) ?? .null),
            ("manager", item.manager.map { .string($0) } ?? .null),
            ("operation", item.operation.map { .string($0) } ?? .null),
            ("time", item.time.map { .string($0) } ?? .null),
        ]
        return "{" + fields.map { "\(CanonicalJSON.compact(.string($0.0))): \(CanonicalJSON.compact($0.1))" }
            .joined(separator: ", ") + "}"
    }
}
