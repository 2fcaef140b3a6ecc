import ObjectModel

/// Who wrote a change: a manager name and whether it applied or updated.
struct WriteIntent: Sendable {
    /// The field manager.
    var manager: String
    /// `Apply` for server-side apply, `Update` for everything else.
    var operation: String
    /// For Apply, the fields of the applied configuration.
    var appliedFields: FieldSet?
    /// The applied configuration, for conflict checks.
    var appliedObject: JSONValue?
    /// Whether conflicts are overridden (`force=true`).
    var force: Bool
}

/// `metadata.managedFields` bookkeeping: one entry per manager and operation;
/// Update claims what it changed, Apply owns exactly what it applied, emptied entries go.
struct ManagedFieldsBook: Sendable {
    /// One entry of `metadata.managedFields`.
    struct Entry: Sendable, Hashable {
        var manager: String
        var operation: String
        var apiVersion: String
        var time: String
        var fields: FieldSet
        /// `status` for writes through that subresource; `nil` for the main resource.
        var subresource: String? = nil

        /// The entry with its time blanked, to compare ownership alone.
        var ignoringTime: Entry {
            var copy = self
            copy.time = ""
            return copy
        }
    }

    /// The entries in server order.
    var entries: [Entry]

    /// The entries of a `managedFields` list.
    init(_ list: JSONValue?) {
        entries = (list?.arrayValue ?? []).compactMap { item in
            guard let manager = item["manager"]?.stringValue else { return nil }
            return Entry(manager: manager, operation: item["operation"]?.stringValue ?? "Update",
                         apiVersion: item["apiVersion"]?.stringValue ?? "", time: item["time"]?.stringValue ?? "",
                         fields: FieldSet(fieldsV1: item["fieldsV1"] ?? [:]), subresource: item["subresource"]?.stringValue)
        }
    }

    /// The conflicts an apply would cause: fields another manager owns whose live value
    /// differs from the applied one, as `(manager entry, field path)` pairs.
    func conflicts(for intent: WriteIntent, live: JSONValue) -> [(Entry, [String])] {
        guard let applied = intent.appliedFields, let object = intent.appliedObject, !intent.force else { return [] }
        var found: [(Entry, [String])] = []
        for entry in entries where !(entry.manager == intent.manager && entry.operation == "Apply") && entry.subresource == nil {
            for path in applied.paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) where path.last != "." && entry.fields.paths.contains(path) {
                if FieldPathLookup.value(at: path, in: live) != FieldPathLookup.value(at: path, in: object) {
                    found.append((entry, path))
                }
            }
        }
        return found
    }

    /// Records a write that turned `old` into `new`.
    mutating func record(_ intent: WriteIntent, old: JSONValue?, new: JSONValue, apiVersion: String, time: String) {
        let claimed = intent.appliedFields ?? FieldSet.changed(from: old, to: new)
        let moving = intent.operation == "Apply" && !intent.force ? FieldSet() : claimed
        if intent.operation == "Update" || intent.force {
            for index in entries.indices where !isEntry(index, of: intent) {
                entries[index].fields.paths.subtract(moving.paths)
            }
        }
        if let index = entries.indices.first(where: { isEntry($0, of: intent) }) {
            let fields = intent.operation == "Apply" ? claimed : FieldSet(paths: entries[index].fields.paths.union(claimed.paths))
            if fields != entries[index].fields || !claimed.isEmpty {
                entries[index].fields = fields
                entries[index].time = time
                entries[index].apiVersion = apiVersion
            }
        } else if !claimed.isEmpty {
            entries.append(Entry(manager: intent.manager, operation: intent.operation, apiVersion: apiVersion, time: time, fields: claimed))
        }
        entries.removeAll { $0.fields.isEmpty }
    }

    /// Records a write through the `status` subresource by an Update manager: it claims the
    /// status fields it changed, and keeps only those still present.
    mutating func recordStatus(manager: String, old: JSONValue?, new: JSONValue?, apiVersion: String, time: String) {
        func leaves(_ status: JSONValue?) -> [String: JSONValue] { status?.objectValue ?? [:] }
        let before = leaves(old), after = leaves(new)
        let changed = Set(after.filter { before[$0.key] != $0.value }.keys.map { ["f:status", "f:" + $0] })
        let present = Set(after.keys.map { ["f:status", "f:" + $0] })
        for index in entries.indices where !(entries[index].manager == manager && entries[index].subresource == "status") {
            entries[index].fields.paths.subtract(changed)
        }
        if let index = entries.firstIndex(where: { $0.manager == manager && $0.subresource == "status" }) {
            entries[index].fields.paths = entries[index].fields.paths.union(changed).intersection(present)
            if !changed.isEmpty { entries[index].time = time }
        } else if !changed.isEmpty {
            entries.append(Entry(manager: manager, operation: "Update", apiVersion: apiVersion, time: time,
                                 fields: FieldSet(paths: changed), subresource: "status"))
        }
        entries.removeAll { $0.fields.isEmpty }
    }

    /// The `managedFields` list.
    var list: JSONValue {
        .array(entries.map { entry in
            var members: [String: JSONValue] = [
                "manager": .string(entry.manager), "operation": .string(entry.operation),
                "apiVersion": .string(entry.apiVersion), "time": .string(entry.time),
                "fieldsType": "FieldsV1", "fieldsV1": entry.fields.fieldsV1,
            ]
            if let subresource = entry.subresource { members["subresource"] = .string(subresource) }
            return .object(members)
        })
    }

    private func isEntry(_ index: Int, of intent: WriteIntent) -> Bool {
        let entry = entries[index]
        return entry.manager == intent.manager && entry.operation == intent.operation && entry.subresource == nil
    }

    /// A field path as the server prints it in conflicts: `.spec.containers[name="app"].image`.
    static func printed(_ path: [String]) -> String {
        path.filter { $0 != "." }.map { token -> String in
            if token.hasPrefix("f:") { return "." + token.dropFirst(2) }
            let json = (try? JSONValue(parsingJSON: String(token.dropFirst(2)))) ?? .null
            if let members = json.objectValue {
                return "[" + members.sortedByKey().map { "\($0.key)=\(CanonicalJSON.compact($0.value))" }.joined(separator: ",") + "]"
            }
            return "[=\(CanonicalJSON.compact(json))]"
        }.joined()
    }
}
