import ObjectModel

/// A `metav1.Status` failure, the body of every error the emulator returns.
///
/// `details` carries the resource (not the kind) for lookups and conflicts, and the Kind for
/// validation errors, exactly as the real server does.
struct APIStatus: Error, Sendable, Hashable {
    /// The HTTP status code, repeated in the body's `code`.
    var code: Int
    /// The machine-readable reason, such as `NotFound`.
    var reason: String
    /// The human text.
    var message: String
    /// The `details` member; `nil` when the server sends none.
    var details: JSONValue?

    /// The Status object as JSON.
    var body: JSONValue {
        var members: [String: JSONValue] = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details { members["details"] = details }
        return .object(members)
    }

    /// The error as an HTTP response.
    var response: EmulatorResponse { EmulatorResponse(status: code, json: body) }

    static func notFound(_ resource: ResourceType, _ name: String) -> APIStatus {
        APIStatus(code: 404, reason: "NotFound", message: "\(resource.qualifiedName) \"\(name)\" not found",
                  details: identity(resource, name))
    }

    static func alreadyExists(_ resource: ResourceType, _ name: String) -> APIStatus {
        APIStatus(code: 409, reason: "AlreadyExists", message: "\(resource.qualifiedName) \"\(name)\" already exists",
                  details: identity(resource, name))
    }

    static func conflict(_ resource: ResourceType, _ name: String) -> APIStatus {
        APIStatus(code: 409, reason: "Conflict",
                  message: "Operation cannot be fulfilled on \(resource.qualifiedName) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
                  details: identity(resource, name))
    }

    /// The 403 of RBAC's authorizer: `leases.coordination.k8s.io "x" is forbidden: User "…"
    /// cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "ops"`.
    static func forbidden(_ resource: ResourceType, verb: String, namespace: String?, name: String?) -> APIStatus {
        let object = name.map { "\(resource.qualifiedName) \"\($0)\"" } ?? resource.qualifiedName
        let scope = namespace.map { " in the namespace \"\($0)\"" } ?? " at the cluster scope"
        let message = "\(object) is forbidden: User \"\(forbiddenUser)\" cannot \(verb) resource \"\(resource.plural)\" in API group "
            + "\"\(resource.group)\"\(scope)"
        return APIStatus(code: 403, reason: "Forbidden", message: message, details: identity(resource, name ?? ""))
    }

    /// The user RBAC names in a 403.
    static let forbiddenUser = "system:serviceaccount:ci:deployer"

    static func badRequest(_ message: String) -> APIStatus {
        APIStatus(code: 400, reason: "BadRequest", message: message, details: nil)
    }

    static let unauthorized = APIStatus(code: 401, reason: "Unauthorized", message: "Unauthorized", details: nil)

    static func pathNotFound(_ path: String) -> APIStatus {
        APIStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: [
            "causes": [["reason": "UnexpectedServerResponse", "message": .string("404 page not found: \(path)")]],
        ])
    }

    static func methodNotAllowed(_ method: String) -> APIStatus {
        APIStatus(code: 405, reason: "MethodNotAllowed",
                  message: "the server does not allow this method on the requested resource (\(method))", details: nil)
    }

    static func unsupportedMediaType(_ contentType: String) -> APIStatus {
        APIStatus(code: 415, reason: "UnsupportedMediaType",
                  message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json",
                  details: ["causes": [["reason": "UnsupportedMediaType", "message": .string(contentType)]]])
    }

    /// A 422 Invalid naming the Kind, with one cause per field error.
    static func invalid(_ resource: ResourceType, _ name: String, causes: [(field: String, reason: String, message: String)]) -> APIStatus {
        let texts = causes.map { "\($0.field): \($0.message)" }
        let joined = texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
        let kind = resource.group.isEmpty ? resource.kind : "\(resource.kind).\(resource.group)"
        return APIStatus(code: 422, reason: "Invalid", message: "\(kind) \"\(name)\" is invalid: \(joined)", details: [
            "name": .string(name), "group": .string(resource.group), "kind": .string(resource.kind),
            "causes": .array(causes.map { ["reason": .string($0.reason), "message": .string($0.message), "field": .string($0.field)] }),
        ])
    }

    /// The 422 for an apply patch without `fieldManager`.
    static let fieldManagerRequired = APIStatus(
        code: 422, reason: "Invalid",
        message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
        details: ["group": "meta.k8s.io", "kind": "PatchOptions", "causes": [[
            "reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager",
        ]]])

    private static func identity(_ resource: ResourceType, _ name: String) -> JSONValue {
        var members: [String: JSONValue] = ["name": .string(name), "kind": .string(resource.plural)]
        if !resource.group.isEmpty { members["group"] = .string(resource.group) }
        return .object(members)
    }
}
