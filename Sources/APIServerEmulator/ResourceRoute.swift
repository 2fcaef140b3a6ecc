/// A REST path resolved to a resource, namespace and optional name (reference §C.1).
struct ResourceRoute: Sendable {
    /// The resource addressed.
    var resource: ResourceType
    /// The namespace in the path; `nil` for cluster-scoped or all-namespace paths.
    var namespace: String?
    /// The object name; `nil` for a collection.
    var name: String?

    /// Resolves `/api/v1/…` and `/apis/{group}/{version}/…` paths; `nil` for anything else.
    init?(path: String) {
        var segments = path.split(separator: "/").map(String.init)
        let group: String
        if segments.first == "api", segments.count >= 3, segments[1] == "v1" {
            group = ""
            segments.removeFirst(2)
        } else if segments.first == "apis", segments.count >= 4, segments[2] == "v1" {
            group = segments[1]
            segments.removeFirst(3)
        } else {
            return nil
        }
        if segments.count >= 3, segments[0] == "namespaces",
           let type = ResourceCatalog.resource(group: group, plural: segments[2]), type.namespaced {
            guard segments.count <= 4 else { return nil }
            self.init(resource: type, namespace: segments[1], name: segments.count == 4 ? segments[3] : nil)
            return
        }
        guard segments.count <= 2, let type = ResourceCatalog.resource(group: group, plural: segments[0]) else { return nil }
        self.init(resource: type, namespace: nil, name: segments.count == 2 ? segments[1] : nil)
    }

    private init(resource: ResourceType, namespace: String?, name: String?) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }
}
