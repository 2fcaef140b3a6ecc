import ObjectModel

/// Which reads fetch the live counterparts of a set of applied objects: a GET per object for a
/// single release, otherwise one LIST per kind — in the one namespace all its objects share,
/// or across all namespaces — never a GET per object.
struct LiveFetchPlan: Sendable, Hashable {
    /// One LIST request.
    struct ListRequest: Sendable, Hashable {
        var apiVersion: String
        var kind: String
        var namespace: String?
    }

    var lists: [ListRequest] = []
    /// One GET request per object, by its identity.
    var gets: [ObjectIdentity] = []

    /// The plan for the applied objects of `releases`.
    init(releases: [ReleaseObjects]) {
        let objects = releases.flatMap(\.objects)
        if releases.count == 1 {
            gets = objects.map { ObjectIdentity($0) }
            return
        }
        var namespaces: [ListRequest: Set<String?>] = [:]
        var order: [ListRequest] = []
        for object in objects {
            let kind = ListRequest(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object.kindName, namespace: nil)
            if namespaces[kind] == nil { order.append(kind) }
            namespaces[kind, default: []].insert(object["metadata"]?["namespace"]?.stringValue)
        }
        lists = order.map { kind in
            var request = kind
            if let only = namespaces[kind], only.count == 1, let namespace = only.first { request.namespace = namespace }
            return request
        }
    }
}
