import ObjectModel

/// The minimum of `/openapi/v3` kubectl 1.32 needs: its query-parameter verifier looks in the
/// group version's document for the PATCH operation of a kind (by its
/// `x-kubernetes-group-version-kind`) and checks it lists `fieldValidation`; when it does,
/// kubectl validates on the server (`fieldValidation=Strict`) and downloads no schema. Without
/// these documents `apply`, `replace` and `create` fail with "failed to download openapi".
/// Schemas themselves are not served.
enum OpenAPIDocuments {
    /// `GET /openapi/v3`: the index of group-version documents.
    static var index: JSONValue {
        var paths: [String: JSONValue] = [:]
        for groupVersion in ResourceCatalog.groupVersions {
            let path = prefix(groupVersion)
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=emulator")]
        }
        return ["paths": .object(paths)]
    }

    /// `GET /openapi/v3/api/v1` or `/openapi/v3/apis/{group}/v1`; `nil` for anything else.
    static func document(path: String) -> JSONValue? {
        guard let groupVersion = ResourceCatalog.groupVersions.first(where: { "/openapi/v3/" + prefix($0) == path }) else { return nil }
        let parameters: JSONValue = .array(["dryRun", "fieldManager", "fieldValidation", "force"].map { name in
            ["name": .string(name), "in": "query", "schema": ["type": "string", "uniqueItems": true]]
        })
        var paths: [String: JSONValue] = [:]
        for type in ResourceCatalog.all where type.groupVersion == groupVersion {
            let gvk: JSONValue = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
            let operation: JSONValue = ["x-kubernetes-group-version-kind": gvk, "parameters": parameters,
                                        "responses": ["200": ["description": "OK"]]]
            let namespaceSegment = type.namespaced ? "namespaces/{namespace}/" : ""
            paths["/\(prefix(groupVersion))/\(namespaceSegment)\(type.plural)/{name}"] = ["patch": operation, "put": operation]
        }
        return ["openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "emulator"], "paths": .object(paths)]
    }

    private static func prefix(_ groupVersion: String) -> String {
        groupVersion == "v1" ? "api/v1" : "apis/\(groupVersion)"
    }
}
