import ObjectModel

extension DaemonSetController {
    /// The ControllerRevision resource.
    static let revisionType = ResourceType(group: "apps", version: "v1", plural: "controllerrevisions",
                                           singular: "controllerrevision", kind: "ControllerRevision",
                                           namespaced: true, shortNames: [])

    /// Makes sure a ControllerRevision holds the current template, renumbering an old one that
    /// matches instead of duplicating it, then prunes history beyond `revisionHistoryLimit`
    /// (as the real controller's `constructHistory` and `cleanupHistory` do).
    func syncRevisions(of daemonSet: JSONValue, key: ObjectKey, hash: String, liveHashes: Set<String>, _ store: inout ObjectStore) {
        guard let uid = daemonSet["metadata"]?["uid"]?.stringValue else { return }
        let owned = store.objects.filter { revisionKey, revision in
            revisionKey.resource == "apps/controllerrevisions" && revisionKey.namespace == key.namespace
                && (revision["metadata"]?["ownerReferences"]?.arrayValue ?? []).contains { $0["uid"]?.stringValue == uid }
        }
        let highest = owned.values.compactMap { $0["revision"]?.intValue }.max() ?? 0
        let intent = WriteIntent(manager: Self.manager, operation: "Update", force: false)
        if let (revisionKey, revision) = owned.first(where: { Self.hash(of: $0.value) == hash }) {
            if (revision["revision"]?.intValue ?? 0) < highest {
                var renumbered = revision
                renumbered["revision"] = .int(highest + 1)
                _ = try? store.persist(renumbered, old: revision, type: Self.revisionType, key: revisionKey, intent: intent, dryRun: false)
            }
        } else {
            let name = "\(key.name)-\(hash)"
            let candidate = Self.revision(of: daemonSet, name: name, hash: hash, number: highest + 1)
            let revisionKey = ObjectKey(Self.revisionType, namespace: key.namespace, name: name)
            _ = try? store.persist(candidate, old: store.objects[revisionKey], type: Self.revisionType, key: revisionKey,
                                   intent: intent, dryRun: false)
        }
        let limit = Int(daemonSet["spec"]?["revisionHistoryLimit"]?.intValue ?? 10)
        let stale = owned.filter { Self.hash(of: $0.value).map { $0 != hash && !liveHashes.contains($0) } ?? true }
            .sorted { ($0.value["revision"]?.intValue ?? 0) < ($1.value["revision"]?.intValue ?? 0) }
        for (revisionKey, _) in stale.prefix(max(0, stale.count - limit)) {
            store.objects[revisionKey] = nil
            store.resourceVersion += 1
        }
    }

    /// A new ControllerRevision for the DaemonSet's current template.
    static func revision(of daemonSet: JSONValue, name: String, hash: String, number: Int64) -> JSONValue {
        var template = daemonSet["spec"]?["template"]?.objectValue ?? [:]
        var labels = template["metadata"]?["labels"]?.objectValue ?? [:]
        labels["controller-revision-hash"] = .string(hash)
        template["$patch"] = "replace"
        var metadata: [String: JSONValue] = [
            "name": .string(name), "labels": .object(labels),
            "ownerReferences": [[
                "apiVersion": "apps/v1", "kind": "DaemonSet", "name": daemonSet["metadata"]?["name"] ?? "",
                "uid": daemonSet["metadata"]?["uid"] ?? "", "controller": true, "blockOwnerDeletion": true,
            ]],
        ]
        if let annotations = daemonSet["metadata"]?["annotations"] { metadata["annotations"] = annotations }
        return ["metadata": .object(metadata), "data": ["spec": ["template": .object(template)]], "revision": .int(number)]
    }

    /// The `controller-revision-hash` label of a revision.
    static func hash(of revision: JSONValue) -> String? {
        revision["metadata"]?["labels"]?["controller-revision-hash"]?.stringValue
    }

    /// The revision hash of a template: FNV-32a of its canonical JSON (plus the collision
    /// count), printed in decimal and "safe-encoded" into consonants and digits, as
    /// `controller.ComputeHash` and `rand.SafeEncodeString` do.
    static func revisionHash(_ template: JSONValue, collisionCount: Int64?) -> String {
        var bytes = CanonicalJSON.compactBytes(template)
        if let collisionCount { bytes += Array(String(collisionCount).utf8) }
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}
