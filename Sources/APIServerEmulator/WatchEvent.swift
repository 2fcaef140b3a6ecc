import ObjectModel

/// One event of a watch stream (https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes).
struct WatchEvent: Sendable {
    /// The event types the API server sends.
    enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
    }

    /// What happened.
    var type: Kind
    /// The resourceVersion of the write; a deletion's is the version at which it was seen.
    var resourceVersion: Int
    /// Which object.
    var key: ObjectKey
    /// The object with kind and apiVersion: its new state, or for a deletion its last state
    /// carrying the deletion's resourceVersion.
    var object: JSONValue
    /// The state before a modification, to tell selector transitions apart.
    var previous: JSONValue?

    /// The events of a batch of store changes, in resourceVersion order; deletions take
    /// `resourceVersion`, the store's version after the batch.
    static func events(of changes: [ObjectTable.Change], resourceVersion: Int) -> [WatchEvent] {
        changes.compactMap { change -> WatchEvent? in
            guard let type = ResourceCatalog.resource(key: change.key) else { return nil }
            switch (change.old, change.new) {
            case (nil, let new?):
                return WatchEvent(type: .added, resourceVersion: version(new), key: change.key, object: ObjectStore.typed(new, type))
            case (let old?, let new?):
                return WatchEvent(type: .modified, resourceVersion: version(new), key: change.key,
                                  object: ObjectStore.typed(new, type), previous: ObjectStore.typed(old, type))
            case (let old?, nil):
                var last = ObjectStore.typed(old, type)
                last["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
                return WatchEvent(type: .deleted, resourceVersion: resourceVersion, key: change.key, object: last)
            case (nil, nil):
                return nil
            }
        }.sorted { ($0.resourceVersion, $0.key.resource, $0.key) < ($1.resourceVersion, $1.key.resource, $1.key) }
    }

    private static func version(_ object: JSONValue) -> Int {
        object["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int($0) } ?? 0
    }

    /// One line of the stream: `{"type":…,"object":…}` and a newline, as the API server writes
    /// each event.
    static func line(_ type: Kind, _ object: JSONValue) -> [UInt8] {
        CanonicalJSON.compactBytes(["type": .string(type.rawValue), "object": object]) + [UInt8(ascii: "\n")]
    }

    /// A BOOKMARK's object: only kind, apiVersion and `metadata.resourceVersion` (and, ending
    /// the initial events of `sendInitialEvents=true`, the `k8s.io/initial-events-end` annotation).
    static func bookmarkObject(_ type: ResourceType, resourceVersion: Int, endsInitialEvents: Bool = false) -> JSONValue {
        var metadata: [String: JSONValue] = ["resourceVersion": .string(String(resourceVersion))]
        if endsInitialEvents { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(type.kind), "apiVersion": .string(type.groupVersion), "metadata": .object(metadata)]
    }
}

extension ResourceCatalog {
    /// The served resource a store key belongs to.
    static func resource(key: ObjectKey) -> ResourceType? {
        byStoreResource[key.resource]
    }

    private static let byStoreResource: [String: ResourceType] = Dictionary(
        all.map { (ObjectKey($0, namespace: "", name: "").resource, $0) }, uniquingKeysWith: { first, _ in first })
}
