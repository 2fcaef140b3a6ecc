import ObjectModel

/// `GET /api/v1/namespaces/NS/pods/NAME/log?container=C&previous=true&tailLines=N`: the
/// scripted output of a container, as plain text, with the server's errors for a container that
/// must be named, does not exist, has not started, or never terminated.
enum PodLogs {
    /// The log response for `pod`.
    static func response(pod: JSONValue, request: EmulatorRequest, runtime: PodRuntime) throws(APIStatus) -> EmulatorResponse {
        let podName = pod["metadata"]?["name"]?.stringValue ?? ""
        let names = (pod["spec"]?["containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let container: String
        if let asked = request.queryValue("container"), !asked.isEmpty {
            guard names.contains(asked) else { throw APIStatus.badRequest("container \(asked) is not valid for pod \(podName)") }
            container = asked
        } else {
            guard names.count == 1, let only = names.first else {
                throw APIStatus.badRequest("a container name must be specified for pod \(podName), choose one of: [\(names.joined(separator: " "))]")
            }
            container = only
        }
        let lines = try self.lines(pod: pod, container: container, previous: request.queryValue("previous") == "true", runtime: runtime)
        var tail = lines
        if let text = request.queryValue("tailLines"), let count = Int(text), count >= 0 { tail = Array(lines.suffix(count)) }
        return EmulatorResponse(status: 200, text: tail.map { $0 + "\n" }.joined())
    }

    private static func lines(pod: JSONValue, container: String, previous: Bool, runtime: PodRuntime) throws(APIStatus) -> [String] {
        let podName = pod["metadata"]?["name"]?.stringValue ?? ""
        let status = (pod["status"]?["containerStatuses"]?.arrayValue ?? []).first { $0["name"]?.stringValue == container }
        guard let status else {
            throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is waiting to start: ContainerCreating")
        }
        let script = runtime.script(node: pod["spec"]?["nodeName"]?.stringValue ?? "", container: container)
        if case .crashLoop(_, _, let restarts, let previousLog) = script, restarts > 0 {
            return previousLog
        }
        if previous {
            throw APIStatus.badRequest("previous terminated container \"\(container)\" in pod \"\(podName)\" not found")
        }
        switch script {
        case .running(let log), .unready(let log): return log
        default:
            let reason = status["state"]?["waiting"]?["reason"]?.stringValue ?? "ContainerCreating"
            let why = reason == "ImagePullBackOff" ? "trying and failing to pull image" : reason
            throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is waiting to start: \(why)")
        }
    }
}
