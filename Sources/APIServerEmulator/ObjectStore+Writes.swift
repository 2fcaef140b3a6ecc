import Foundation
import ObjectModel

extension ObjectStore {
    /// POST: creates the object (201), or 409 AlreadyExists.
    mutating func create(_ route: ResourceRoute, _ request: EmulatorRequest) throws(APIStatus) -> JSONValue {
        let body = try request.decodedBody()
        let name = body["metadata"]?["name"]?.stringValue ?? ""
        guard !name.isEmpty else {
            throw APIStatus.invalid(route.resource, "", causes: [("metadata.name", "FieldValueRequired", "Required value: name or generateName is required")])
        }
        let key = try checkedKey(route, body: body, name: name)
        guard objects[key] == nil else { throw APIStatus.alreadyExists(route.resource, name) }
        let intent = WriteIntent(manager: request.fieldManager, operation: "Update", force: false)
        return try persist(body, old: nil, type: route.resource, key: key, intent: intent, dryRun: request.isDryRun)
    }

    /// PUT: replaces the object, honouring a resourceVersion precondition.
    mutating func update(_ route: ResourceRoute, _ request: EmulatorRequest) throws(APIStatus) -> JSONValue {
        let body = try request.decodedBody()
        let name = route.name ?? ""
        if let bodyName = body["metadata"]?["name"]?.stringValue, bodyName != name {
            throw APIStatus.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let key = try checkedKey(route, body: body, name: name)
        guard let old = objects[key] else { throw APIStatus.notFound(route.resource, name) }
        if let version = body["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty,
           version != old["metadata"]?["resourceVersion"]?.stringValue {
            throw APIStatus.conflict(route.resource, name)
        }
        let intent = WriteIntent(manager: request.fieldManager, operation: "Update", force: false)
        return try persist(body, old: old, type: route.resource, key: key, intent: intent, dryRun: request.isDryRun)
    }

    /// PATCH: JSON patch, JSON merge patch, strategic merge patch, or server-side apply (which
    /// creates when absent).
    ///
    /// - Returns: the object and whether it was created (201).
    mutating func patch(_ route: ResourceRoute, _ request: EmulatorRequest) throws(APIStatus) -> (JSONValue, created: Bool) {
        let name = route.name ?? ""
        let isApply = request.contentType == "application/apply-patch+yaml"
        if !isApply, request.queryValue("force") != nil {
            throw APIStatus.invalid(route.resource, name, causes: [("force", "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch")])
        }
        let isStrategic = request.contentType == "application/strategic-merge-patch+json"
        let isJSONPatch = request.contentType == "application/json-patch+json"
        guard isApply || isStrategic || isJSONPatch || request.contentType == "application/merge-patch+json" else {
            throw APIStatus.unsupportedMediaType(request.contentType)
        }
        let body = try request.decodedBody()
        let key = try checkedKey(route, body: body, name: name)
        let old = objects[key]
        if let version = body["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty,
           let old, version != old["metadata"]?["resourceVersion"]?.stringValue {
            throw APIStatus.conflict(route.resource, name)
        }
        guard isApply else {
            guard let old else { throw APIStatus.notFound(route.resource, name) }
            let merged = isJSONPatch ? try Self.jsonPatched(old, body, route: route)
                : isStrategic ? try StrategicMerge.apply(body, to: old) : ObjectMerge.mergePatch(old, body)
            let intent = WriteIntent(manager: request.fieldManager, operation: "Update", force: false)
            return (try persist(merged, old: old, type: route.resource, key: key, intent: intent, dryRun: request.isDryRun), false)
        }
        return try apply(body, old: old, route: route, key: key, request: request)
    }

    /// DELETE: removes the object and answers a Success Status; a Namespace is returned as the
    /// object in phase Terminating and its contents are removed with it.
    mutating func delete(_ route: ResourceRoute, _ request: EmulatorRequest) throws(APIStatus) -> JSONValue {
        let name = route.name ?? ""
        let key = ObjectKey(route.resource, namespace: route.namespace ?? "", name: name)
        guard let old = objects[key] else { throw APIStatus.notFound(route.resource, name) }
        let uid = old["metadata"]?["uid"] ?? ""
        var details: [String: JSONValue] = ["name": .string(name), "kind": .string(route.resource.plural), "uid": uid]
        if !route.resource.group.isEmpty { details["group"] = .string(route.resource.group) }
        guard !request.isDryRun else { return Self.typed(old, route.resource) }
        objects[key] = nil
        resourceVersion += 1
        guard route.resource.kind == "Namespace" else {
            return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": .object(details)]
        }
        objects.removeAll { $0.namespace == name }
        var terminating = old
        terminating["metadata"]?["deletionTimestamp"] = .string(timestamp())
        terminating["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
        terminating["status"] = ["phase": "Terminating"]
        return Self.typed(terminating, route.resource)
    }

    private mutating func apply(_ body: JSONValue, old: JSONValue?, route: ResourceRoute, key: ObjectKey,
                                request: EmulatorRequest) throws(APIStatus) -> (JSONValue, created: Bool) {
        guard let manager = request.queryValue("fieldManager"), !manager.isEmpty else { throw APIStatus.fieldManagerRequired }
        if body["metadata"]?["managedFields"] != nil {
            throw APIStatus.badRequest("metadata.managedFields must be nil")
        }
        let applied = FieldSet(ownedBy: body)
        var merged = ObjectMerge.apply(body, onto: old ?? [:])
        let book = ManagedFieldsBook(old?["metadata"]?["managedFields"])
        if let previous = book.entries.first(where: { $0.manager == manager && $0.operation == "Apply" }) {
            // Fields this manager applied before and now omits go, unless someone else owns them.
            let others = book.entries.filter { !($0.manager == manager && $0.operation == "Apply") }.map(\.fields.paths)
            // Whole list elements (paths ending in `.`) go first, while their keys can still find
            // them; removing their fields one by one first would leave keyless husks behind.
            let stale = previous.fields.paths.subtracting(applied.paths).filter { path in !others.contains { $0.contains(path) } }
            for path in stale.sorted(by: { ($0.last == "." ? 0 : 1, $0.count) < ($1.last == "." ? 0 : 1, $1.count) }) {
                merged = FieldPathLookup.removing(path[...], from: merged)
            }
        }
        let intent = WriteIntent(manager: manager, operation: "Apply", appliedFields: applied, appliedObject: body,
                                 force: request.queryValue("force") == "true")
        let result = try persist(merged, old: old, type: route.resource, key: key, intent: intent, dryRun: request.isDryRun)
        return (result, old == nil)
    }

    /// The stored object after a JSON patch, which sees it as clients read it (with kind and
    /// apiVersion); a resourceVersion the patch leaves different from the stored one is a
    /// precondition that fails with 409, as in the other patch types.
    static func jsonPatched(_ old: JSONValue, _ patch: JSONValue, route: ResourceRoute) throws(APIStatus) -> JSONValue {
        let patched = try JSONPatch.patched(typed(old, route.resource), with: patch)
        if let version = patched["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty,
           version != old["metadata"]?["resourceVersion"]?.stringValue {
            throw APIStatus.conflict(route.resource, route.name ?? "")
        }
        return patched
    }

    /// The key for a write, checking the body's namespace against the URL's and that the
    /// namespace exists.
    func checkedKey(_ route: ResourceRoute, body: JSONValue, name: String) throws(APIStatus) -> ObjectKey {
        guard route.resource.namespaced else { return ObjectKey(route.resource, namespace: "", name: name) }
        let namespace = route.namespace ?? ""
        if let bodyNamespace = body["metadata"]?["namespace"]?.stringValue, !bodyNamespace.isEmpty, bodyNamespace != namespace {
            throw APIStatus.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let namespaces = ResourceCatalog.core[0]
        guard objects[ObjectKey(namespaces, namespace: "", name: namespace)] != nil else {
            throw APIStatus.notFound(namespaces, namespace)
        }
        return ObjectKey(route.resource, namespace: namespace, name: name)
    }
}
