import Foundation

extension KubeClient {
    /// The log of one container of a pod (`GET …/pods/NAME/log`), as text.
    /// - Parameters:
    ///   - namespace: the pod's namespace.
    ///   - pod: the pod's name.
    ///   - container: the container's name.
    ///   - previous: the log of the previous, terminated instance (after a crash).
    ///   - tailLines: only the last lines; all when `nil`.
    /// - Returns: the log, or `nil` when the server has none (400: no previous instance, still
    ///   waiting to start; 404: no such pod).
    /// - Throws: ``KubeAPIError`` for any other failure.
    public func log(namespace: String, pod: String, container: String, previous: Bool, tailLines: Int?)
        async throws(KubeAPIError) -> String?
    {
        let query = Self.query([("container", container), ("previous", previous ? "true" : nil),
                                ("tailLines", tailLines.map(String.init))])
        let path = APIResource.pods.itemPath(namespace: namespace, name: pod) + "/log" + query
        let response = try await send("GET", path)
        if [400, 404].contains(response.status) { return nil }
        guard (200..<300).contains(response.status) else {
            throw .status(APIStatusError(code: response.status, body: response.body, retryAfter: response.header("Retry-After")))
        }
        return String(decoding: response.body, as: UTF8.self)
    }
}
