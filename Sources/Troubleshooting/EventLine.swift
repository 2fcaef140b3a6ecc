import ObjectModel

/// One event about the DaemonSet or one of its pods.
public struct EventLine: Sendable, Hashable {
    /// When it was last seen (`lastTimestamp`, else `eventTime`, else `firstTimestamp`), RFC 3339; empty when unknown.
    public var time: String
    /// `Normal` or `Warning`.
    public var type: String
    /// The reason, such as `BackOff` or `FailedScheduling`.
    public var reason: String
    /// `Kind/name` of the object it is about.
    public var object: String
    /// The message.
    public var message: String
    /// How many times it happened.
    public var count: Int

    /// The events among `events` about the DaemonSet (`uid`) or the pods named in `pods`, newest
    /// first; events with equal times keep the reverse of the server's order.
    static func lines(_ events: [JSONValue], daemonSet: JSONValue, pods: Set<String>) -> [EventLine] {
        let uid = daemonSet["metadata"]?["uid"]?.stringValue
        let name = daemonSet["metadata"]?["name"]?.stringValue
        let relevant = events.filter { event in
            let involved = event["involvedObject"] ?? [:]
            switch involved["kind"]?.stringValue {
            case "DaemonSet": return involved["uid"]?.stringValue == uid || involved["name"]?.stringValue == name
            case "Pod": return pods.contains(involved["name"]?.stringValue ?? "")
            default: return false
            }
        }
        let lines = relevant.map(line)
        return lines.indices.reversed().map { lines[$0] }.enumerated()
            .sorted { ($0.element.time, -$0.offset) > ($1.element.time, -$1.offset) }.map(\.element)
    }

    private static func line(_ event: JSONValue) -> EventLine {
        let time = [event["lastTimestamp"], event["eventTime"], event["firstTimestamp"]]
            .compactMap { $0?.stringValue }.first { !$0.isEmpty } ?? ""
        let involved = event["involvedObject"] ?? [:]
        return EventLine(time: time, type: event["type"]?.stringValue ?? "", reason: event["reason"]?.stringValue ?? "",
                         object: "\(involved["kind"]?.stringValue ?? "")/\(involved["name"]?.stringValue ?? "")",
                         message: event["message"]?.stringValue ?? "", count: Int(event["count"]?.intValue ?? 1))
    }
}
