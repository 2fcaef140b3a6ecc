import Foundation
import ObjectModel

/// A watch request (`GET` of a collection with `watch=true` or `watch=1`) as parsed from its
/// query: which objects, from which resourceVersion, and how the stream behaves.
struct WatchPlan: Sendable {
    /// The resource watched.
    var resource: ResourceType
    /// The namespace in the path; `nil` for all namespaces or cluster-scoped resources.
    var namespace: String?
    /// The `labelSelector`.
    var labels: LabelSelector
    /// The `fieldSelector` (`metadata.name=…` watches one object, as kubectl does).
    var fields: LabelSelector
    /// The `resourceVersion` to start after; `nil` (unset or "0") starts with the current
    /// objects as ADDED events.
    var resourceVersion: Int?
    /// Whether the current objects are sent first (unset/"0" versions, or `sendInitialEvents=true`).
    var sendsInitialEvents: Bool
    /// Whether a BOOKMARK with the `k8s.io/initial-events-end` annotation ends the initial
    /// events (`sendInitialEvents=true`).
    var marksInitialEventsEnd: Bool
    /// `allowWatchBookmarks=true`: periodic BOOKMARK events.
    var bookmarks: Bool
    /// `timeoutSeconds`, else `nil` for the emulator's default.
    var timeoutSeconds: Int?
    /// Whether each event's object is sent as a one-row Table (`kubectl get -w`).
    var table: Bool

    /// The plan of a collection GET, or `nil` when it does not ask to watch.
    /// - Throws: the server's 400 for selectors, versions or timeouts it cannot read.
    init?(_ request: EmulatorRequest, _ route: ResourceRoute) throws(APIStatus) {
        guard let watch = request.queryValue("watch"), ["true", "1"].contains(watch.lowercased()) else { return nil }
        resource = route.resource
        namespace = route.namespace
        labels = try LabelSelector(request.queryValue("labelSelector") ?? "")
        let fieldText = request.queryValue("fieldSelector") ?? ""
        fields = try LabelSelector(fieldText)
        try ObjectStore.checkFieldSelector(fields, route: route, fieldText: fieldText)
        let version = request.queryValue("resourceVersion") ?? ""
        if version.isEmpty || version == "0" {
            resourceVersion = nil
        } else if let number = Int(version), number > 0 {
            resourceVersion = number
        } else {
            throw APIStatus.badRequest("invalid resource version: \(version)")
        }
        let initialEvents = request.queryValue("sendInitialEvents")
        sendsInitialEvents = initialEvents == "true" || (initialEvents == nil && resourceVersion == nil)
        marksInitialEventsEnd = initialEvents == "true"
        bookmarks = request.queryValue("allowWatchBookmarks") == "true" || marksInitialEventsEnd
        if let timeout = request.queryValue("timeoutSeconds") {
            guard let seconds = Int(timeout), seconds >= 0 else {
                throw APIStatus.badRequest("invalid value for timeoutSeconds: \(timeout)")
            }
            timeoutSeconds = seconds
        }
        table = TablePrinter.wantsTable(request)
    }

    /// Whether a stored object (with kind and apiVersion) is one this watch sees.
    func matches(_ object: JSONValue, key: ObjectKey) -> Bool {
        guard key.resource == ObjectKey(resource, namespace: "", name: "").resource else { return false }
        if let namespace, key.namespace != namespace { return false }
        let objectLabels = (object["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        return labels.matches(objectLabels) && fields.matches(ObjectStore.selectableFields(object, key: key, kind: resource.kind))
    }

    /// The event as this watch sees it, as the API server's cacher filters: a modification
    /// that moves an object into the selection is ADDED, one that moves it out is DELETED
    /// (with its previous content); `nil` when the watch does not see it.
    func translated(_ event: WatchEvent) -> WatchEvent? {
        switch event.type {
        case .added, .deleted:
            return matches(event.object, key: event.key) ? event : nil
        case .modified:
            let now = matches(event.object, key: event.key)
            let before = event.previous.map { matches($0, key: event.key) } ?? false
            switch (before, now) {
            case (true, true): return event
            case (false, true): return WatchEvent(type: .added, resourceVersion: event.resourceVersion, key: event.key, object: event.object)
            case (true, false):
                var last = event.previous ?? event.object
                last["metadata"]?["resourceVersion"] = .string(String(event.resourceVersion))
                return WatchEvent(type: .deleted, resourceVersion: event.resourceVersion, key: event.key, object: last)
            case (false, false): return nil
            }
        case .bookmark, .error:
            return event
        }
    }
}
