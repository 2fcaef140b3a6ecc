import Foundation
import ObjectModel

extension ObjectStore {
    /// Turns a candidate object into what the server stores and stores it (unless `dryRun`):
    /// defaulting, server metadata, generation, status preservation, managed fields and the
    /// resourceVersion bump. A write that changes nothing
    /// returns the stored object untouched.
    ///
    /// - Returns: the object as returned to the client, with kind and apiVersion.
    mutating func persist(_ candidate: JSONValue, old: JSONValue?, type: ResourceType, key: ObjectKey,
                          intent: WriteIntent, dryRun: Bool) throws(APIStatus) -> JSONValue {
        let typedCandidate = Self.typed(candidate, type)
        var object = old == nil ? defaults.preparedForCreate(typedCandidate) : defaults.defaulted(typedCandidate)
        object["kind"] = nil
        object["apiVersion"] = nil
        var metadata = object["metadata"]?.objectValue ?? [:]
        let bodyManagedFields = metadata["managedFields"]
        metadata["name"] = .string(key.name)
        metadata["namespace"] = type.namespaced ? .string(key.namespace) : nil
        for field in ["uid", "creationTimestamp", "resourceVersion", "generation", "managedFields", "selfLink"] {
            metadata[field] = old?["metadata"]?[field]
        }
        if old == nil {
            metadata["uid"] = .string(UUID().uuidString.lowercased())
            metadata["creationTimestamp"] = .string(timestamp())
        }
        object["metadata"] = .object(metadata)
        if let old {
            object["status"] = old["status"]
        } else if type.kind == "DaemonSet" {
            object["status"] = ["currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0]
        }
        if type.kind == "DaemonSet" { Self.bumpGeneration(&object, old: old) }
        try DaemonSetValidation.check(object, old: old, type: type, name: key.name)

        var book = ManagedFieldsBook(bodyManagedFields.flatMap { $0.arrayValue?.isEmpty == false ? $0 : nil } ?? old?["metadata"]?["managedFields"])
        let live = old ?? [:]
        let conflicts = book.conflicts(for: intent, live: live)
        if !conflicts.isEmpty { throw Self.applyConflict(conflicts) }
        let before = book.entries.map(\.ignoringTime)
        book.record(intent, old: old, new: object, apiVersion: type.groupVersion, time: timestamp())
        // A write that changes neither content nor ownership is a no-op.
        if let old, book.entries.map(\.ignoringTime) == before, Self.content(of: old) == Self.content(of: object) {
            return Self.typed(old, type)
        }
        object["metadata"]?["managedFields"] = book.entries.isEmpty ? nil : book.list
        if !dryRun {
            resourceVersion += 1
            object["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
            objects[key] = object
        } else if old == nil {
            object["metadata"]?["resourceVersion"] = nil
        }
        return Self.typed(object, type)
    }

    /// The object without managedFields and resourceVersion, for no-op detection.
    private static func content(of object: JSONValue) -> JSONValue {
        var result = object
        result["metadata"]?["managedFields"] = nil
        result["metadata"]?["resourceVersion"] = nil
        return result
    }

    /// DaemonSet generation rules: 1 on create, +1 on any spec change;
    /// the template-generation annotation follows template changes.
    private static func bumpGeneration(_ object: inout JSONValue, old: JSONValue?) {
        let oldGeneration = old?["metadata"]?["generation"]?.intValue ?? 0
        let generation = old == nil ? 1 : oldGeneration + (old?["spec"] != object["spec"] ? 1 : 0)
        object["metadata"]?["generation"] = .int(generation)
        var annotations = object["metadata"]?["annotations"]?.objectValue ?? [:]
        let key = "deprecated.daemonset.template.generation"
        if old == nil || old?["spec"]?["template"] != object["spec"]?["template"] {
            annotations[key] = .string(String(generation))
        } else if annotations[key] == nil {
            annotations[key] = old?["metadata"]?["annotations"]?[key]
        }
        object["metadata"]?["annotations"] = .object(annotations)
    }

    /// The 409 of an apply that conflicts with other managers.
    private static func applyConflict(_ conflicts: [(ManagedFieldsBook.Entry, [String])]) -> APIStatus {
        let count = conflicts.count
        let causes: [JSONValue] = conflicts.map { entry, path in
            ["type": "FieldManagerConflict", "message": .string("conflict with \"\(entry.manager)\" using \(entry.apiVersion)"),
             "field": .string(ManagedFieldsBook.printed(path))]
        }
        let message: String
        if count == 1, let (entry, path) = conflicts.first {
            message = "Apply failed with 1 conflict: conflict with \"\(entry.manager)\" using \(entry.apiVersion): \(ManagedFieldsBook.printed(path))"
        } else {
            let lines = conflicts.map { "- " + ManagedFieldsBook.printed($0.1) }.joined(separator: "\n")
            let managers = Set(conflicts.map(\.0.manager)).sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            message = "Apply failed with \(count) conflicts: conflicts with \(managers) using \(conflicts[0].0.apiVersion):\n\(lines)"
        }
        return APIStatus(code: 409, reason: "Conflict", message: message, details: ["causes": .array(causes)])
    }
}
