/// The recent events of each resource, from which a watch with a `resourceVersion` replays
/// what it missed. Each resource keeps at most ``limit`` events, as the API server's watch
/// cache keeps a bounded window; a version older than the window is answered with 410 Expired.
struct WatchHistory: Sendable {
    /// The most events kept per resource.
    let limit: Int
    private var events: [String: [WatchEvent]] = [:]
    /// Per resource, whether events were dropped (the window no longer reaches the start).
    private var truncated: Set<String> = []

    /// A history keeping `limit` events per resource (at least 1).
    init(limit: Int) { self.limit = max(1, limit) }

    /// Appends an event, dropping the resource's oldest beyond the limit.
    mutating func record(_ event: WatchEvent) {
        let resource = event.key.resource
        events[resource, default: []].append(event)
        if let count = events[resource]?.count, count > limit {
            events[resource]?.removeFirst(count - limit)
            truncated.insert(resource)
        }
    }

    /// The events of `resource` after `resourceVersion`, oldest first.
    ///
    /// - Throws: the 410 Expired Status, `too old resource version: R (O)` where O is one less
    ///   than the oldest version kept, when events after `resourceVersion` were dropped.
    func events(of resource: String, after resourceVersion: Int) throws(APIStatus) -> [WatchEvent] {
        let list = events[resource] ?? []
        if truncated.contains(resource), let oldest = list.first?.resourceVersion, resourceVersion < oldest - 1 {
            throw APIStatus(code: 410, reason: "Expired", message: "too old resource version: \(resourceVersion) (\(oldest - 1))",
                            details: nil)
        }
        return list.filter { $0.resourceVersion > resourceVersion }
    }
}
