import Foundation
import ObjectModel

extension KubeClient {
    /// The JSON object of a successful response.
    /// - Throws: ``KubeAPIError/status(_:)`` for an error status, ``KubeAPIError/invalidResponse(_:)``
    ///   when the body is not a JSON object.
    func object(from response: KubeResponse) throws(KubeAPIError) -> JSONValue {
        guard (200..<300).contains(response.status) else {
            throw .status(APIStatusError(code: response.status, body: response.body,
                                         retryAfter: response.header("Retry-After")))
        }
        guard let value = try? JSONValue(parsingJSON: String(decoding: response.body, as: UTF8.self)),
              value.objectValue != nil
        else {
            throw .invalidResponse("the API server at \(serverURL) answered HTTP \(response.status)"
                + " without a JSON object (\(response.body.count) bytes)")
        }
        return value
    }

    /// The resource, body, namespace and name of an object to apply; a namespaced object
    /// without a namespace gets the connection's.
    func applyTarget(_ object: JSONValue) throws(KubeAPIError)
        -> (resource: APIResource, body: JSONValue, namespace: String?, name: String)
    {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        guard let name = object["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            throw .invalidRequest("cannot apply \(kind.isEmpty ? "an object" : kind) without metadata.name")
        }
        guard let resource = APIResource.known(apiVersion: apiVersion, kind: kind) else {
            throw .invalidRequest("cannot apply \(kind.isEmpty ? "(no kind)" : kind) '\(name)': apiVersion"
                + " '\(apiVersion)' kind '\(kind)' is not a resource dsledger knows")
        }
        guard resource.namespaced else { return (resource, object, nil, name) }
        var body = object
        let namespace = object["metadata"]?["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            ?? connection.namespace
        body["metadata"]?["namespace"] = .string(namespace)
        return (resource, body, namespace, name)
    }

    /// A list item with the list's `apiVersion` and `kind`, which the server leaves out.
    static func typed(_ item: JSONValue, _ resource: APIResource) -> JSONValue {
        var typed = item
        if typed["apiVersion"] == nil { typed["apiVersion"] = .string(resource.apiVersion) }
        if typed["kind"] == nil { typed["kind"] = .string(resource.kind) }
        return typed
    }

    /// A query string (`?a=1&b=2`) of the parameters that have a value, percent-encoded;
    /// empty when none has.
    static func query(_ parameters: [(String, String?)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        let pairs = parameters.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0)" }
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}
