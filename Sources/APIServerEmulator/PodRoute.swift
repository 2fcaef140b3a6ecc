import ObjectModel

/// A REST path to the derived Pods and Events (``PodBook``): collections, one object, or a
/// pod's `log` subresource.
struct PodRoute: Sendable, Hashable {
    /// `pods` or `events`.
    var plural: String
    /// The namespace in the path; `nil` for all namespaces.
    var namespace: String?
    /// The object name; `nil` for a collection.
    var name: String?
    /// `log` (pods only); `nil` for the object itself.
    var subresource: String?

    /// The Pod resource (served read-only, from ``PodBook``).
    static let podType = ResourceType(group: "", version: "v1", plural: "pods", singular: "pod", kind: "Pod",
                                      namespaced: true, shortNames: ["po"])
    /// The Event resource (served read-only, from ``PodBook``).
    static let eventType = ResourceType(group: "", version: "v1", plural: "events", singular: "event", kind: "Event",
                                        namespaced: true, shortNames: ["ev"])

    /// The resource type addressed.
    var type: ResourceType { plural == "pods" ? Self.podType : Self.eventType }

    /// Resolves `/api/v1/{pods|events}`, `/api/v1/namespaces/NS/{pods|events}[/NAME]` and
    /// `/api/v1/namespaces/NS/pods/NAME/log`; `nil` for anything else.
    init?(path: String) {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v1" else { return nil }
        let rest = Array(segments.dropFirst(2))
        if rest.count == 1, ["pods", "events"].contains(rest[0]) {
            self.plural = rest[0]
            return
        }
        guard rest.count >= 3, rest.count <= 5, rest[0] == "namespaces", ["pods", "events"].contains(rest[2]) else { return nil }
        self.plural = rest[2]
        self.namespace = rest[1]
        self.name = rest.count >= 4 ? rest[3] : nil
        if rest.count == 5 {
            guard rest[2] == "pods", rest[4] == "log" else { return nil }
            self.subresource = "log"
        }
    }

    /// The fields a `fieldSelector` may name (the real registries' `GetAttrs`).
    var selectableFields: [String] {
        let common = ["metadata.name", "metadata.namespace"]
        if plural == "pods" {
            return common + ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                             "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"]
        }
        return common + ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                         "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                         "reason", "reportingComponent", "source", "type"]
    }

    /// The values of the selectable fields of one pod or event.
    func fieldValues(_ object: JSONValue) -> [String: String] {
        var values: [String: String] = [:]
        for field in selectableFields {
            let path = field == "source" ? "source.component" : field
            switch object.value(atMemberPath: path) {
            case .string(let text)?: values[field] = text
            case .bool(let flag)?: values[field] = String(flag)
            default: values[field] = field == "spec.hostNetwork" ? "false" : ""
            }
        }
        return values
    }
}
