import ObjectModel

extension ObjectStore {
    /// PUT or PATCH on the `status` subresource: only `status` changes; the writer gets an
    /// `Update` managedFields entry with subresource `status`.
    mutating func writeStatus(_ route: ResourceRoute, _ request: EmulatorRequest) throws(APIStatus) -> JSONValue {
        let name = route.name ?? ""
        let key = ObjectKey(route.resource, namespace: route.namespace ?? "", name: name)
        guard let old = objects[key] else { throw APIStatus.notFound(route.resource, name) }
        let body = try request.decodedBody()
        if let version = body["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty,
           version != old["metadata"]?["resourceVersion"]?.stringValue {
            throw APIStatus.conflict(route.resource, name)
        }
        let candidate: JSONValue
        switch (request.method, request.contentType) {
        case ("PUT", _): candidate = body
        case (_, "application/merge-patch+json"): candidate = ObjectMerge.mergePatch(old, body)
        case (_, "application/strategic-merge-patch+json"): candidate = try StrategicMerge.apply(body, to: old)
        case (_, "application/json-patch+json"): candidate = try Self.jsonPatched(old, body, route: route)
        default: throw APIStatus.unsupportedMediaType(request.contentType)
        }
        guard candidate["status"] != old["status"] else { return Self.typed(old, route.resource) }
        var object = old
        object["status"] = candidate["status"]
        var book = ManagedFieldsBook(old["metadata"]?["managedFields"])
        book.recordStatus(manager: request.fieldManager, old: old["status"], new: object["status"],
                          apiVersion: route.resource.groupVersion, time: timestamp())
        object["metadata"]?["managedFields"] = book.entries.isEmpty ? nil : book.list
        guard !request.isDryRun else { return Self.typed(object, route.resource) }
        resourceVersion += 1
        object["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
        objects[key] = object
        return Self.typed(object, route.resource)
    }
}
