import Foundation

extension APIResource {
    /// The collection path: `/api/v1/namespaces/{ns}/secrets`, `/apis/apps/v1/daemonsets` (all
    /// namespaces when `namespace` is `nil`), or the cluster-scoped form.
    func collectionPath(namespace: String?) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace, !namespace.isEmpty {
            path += "/namespaces/\(Self.segment(namespace))"
        }
        return path + "/" + plural
    }

    /// The path of one object.
    func itemPath(namespace: String?, name: String) -> String {
        collectionPath(namespace: namespace) + "/" + Self.segment(name)
    }

    /// `name` percent-encoded for use as one path segment.
    static func segment(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}
