/// A REST path resolved to a resource, namespace and optional name.
struct ResourceRoute: Sendable {
    /// The resource addressed.
    var resource: ResourceType
    /// The namespace in the path; `nil` for cluster-scoped or all-namespace paths.
    var namespace: String?
    /// The object name; `nil` for a collection.
    var name: String?
    /// `status` for the status subresource of an object; `nil` for the object itself.
    var subresource: String?

    /// The kinds with a `status` subresource.
    static let kindsWithStatus: Set<String> = ["DaemonSet", "Namespace", "Node"]

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
            guard let subresource = Self.subresource(segments.dropFirst(4), type) else { return nil }
            self.init(resource: type, namespace: segments[1], name: segments.count >= 4 ? segments[3] : nil, subresource: subresource)
            return
        }
        guard !segments.isEmpty, let type = ResourceCatalog.resource(group: group, plural: segments[0]),
              let subresource = Self.subresource(segments.dropFirst(2), type) else { return nil }
        self.init(resource: type, namespace: nil, name: segments.count >= 2 ? segments[1] : nil, subresource: subresource)
    }

    private init(resource: ResourceType, namespace: String?, name: String?, subresource: String?) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.subresource = subresource
    }

    /// The subresource named by the segments after the object name: `.some(nil)` for none,
    /// `"status"` where served, `nil` (no route) otherwise.
    private static func subresource(_ rest: ArraySlice<String>, _ type: ResourceType) -> String?? {
        if rest.isEmpty { return .some(nil) }
        if rest.count == 1, rest.first == "status", kindsWithStatus.contains(type.kind) { return .some("status") }
        return nil
    }
}
