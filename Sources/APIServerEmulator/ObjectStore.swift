import Foundation
import KubernetesRules
import ObjectModel

/// The emulator's storage: every object by key, plus the global resourceVersion counter.
///
/// Objects are stored without `kind` and `apiVersion`, as the server stores them; reads add
/// them back. Every persisted write bumps ``resourceVersion``; dry runs and
/// no-op writes do not.
struct ObjectStore: Sendable {
    /// The defaulting of the emulated server version.
    var defaults: ServerDefaults
    /// The clock, for timestamps.
    var now: @Sendable () -> Date
    /// The stored objects, remembering what changed for watches.
    var objects = ObjectTable()
    /// The last resourceVersion handed out.
    var resourceVersion = 0

    /// An empty store defaulting like `version`.
    init(version: KubernetesVersion, now: @escaping @Sendable () -> Date = { Date() }) {
        self.defaults = ServerDefaults(version: version)
        self.now = now
    }

    /// The stored object with `kind` and `apiVersion` filled in, or `nil`.
    func object(_ type: ResourceType, namespace: String, name: String) -> JSONValue? {
        objects[ObjectKey(type, namespace: namespace, name: name)].map { Self.typed($0, type) }
    }

    /// GET of one object.
    func get(_ route: ResourceRoute) throws(APIStatus) -> JSONValue {
        let name = route.name ?? ""
        guard let object = object(route.resource, namespace: route.namespace ?? "", name: name) else {
            throw APIStatus.notFound(route.resource, name)
        }
        return object
    }

    /// GET of a collection, filtered by namespace, `labelSelector` and `fieldSelector`
    /// (`metadata.name`, `metadata.namespace`), items without kind/apiVersion.
    func list(_ route: ResourceRoute, _ request: EmulatorRequest) throws(APIStatus) -> JSONValue {
        let labels = try LabelSelector(request.queryValue("labelSelector") ?? "")
        let fields = try LabelSelector(request.queryValue("fieldSelector") ?? "")
        try Self.checkFieldSelector(fields, route: route, fieldText: request.queryValue("fieldSelector") ?? "")
        let resource = ObjectKey(route.resource, namespace: "", name: "").resource
        let items = objects.filter { key, object in
            guard key.resource == resource else { return false }
            if let namespace = route.namespace, key.namespace != namespace { return false }
            let metadata = object["metadata"]
            let objectLabels = (metadata?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            let objectFields = Self.selectableFields(object, key: key, kind: route.resource.kind)
            return labels.matches(objectLabels) && fields.matches(objectFields)
        }.sorted { $0.key < $1.key }.map(\.value)
        return [
            "kind": .string(route.resource.listKind), "apiVersion": .string(route.resource.groupVersion),
            "metadata": ["resourceVersion": .string(String(resourceVersion))], "items": .array(items),
        ]
    }

    /// The object with its type's `kind` and `apiVersion`.
    static func typed(_ object: JSONValue, _ type: ResourceType) -> JSONValue {
        var result = object
        result["kind"] = .string(type.kind)
        result["apiVersion"] = .string(type.groupVersion)
        return result
    }

    /// An RFC 3339 timestamp with seconds precision in UTC.
    func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: now())
    }
}
