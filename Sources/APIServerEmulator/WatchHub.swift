import Foundation
import ObjectModel

/// Where a watch stream's events go: the connection writing them.
protocol WatchSink: AnyObject, Sendable {
    /// Queues event lines to write, each as one chunk, after those queued before.
    func deliver(_ lines: [[UInt8]])
    /// Ends the stream cleanly (the last chunk), as the emulator stopping does; returns once written.
    func end() async
}

/// The open watches and the event history, guarded by the ``EmulatorState`` lock: every
/// write's events are recorded, then sent to the watches that see them.
struct WatchHub: Sendable {
    /// One open watch.
    private struct Watcher: Sendable {
        var plan: WatchPlan
        var sink: any WatchSink
        /// Whether a Table event with column definitions went out (later ones omit them).
        var sentColumns = false
    }

    /// How a watch starts.
    enum Start {
        /// Streaming, with these first lines (current objects or replayed events).
        case streaming(id: Int, lines: [[UInt8]])
        /// Refused with this ERROR line (410 Expired); the stream ends after it.
        case expired(line: [UInt8])
    }

    /// The recent events per resource.
    private(set) var history: WatchHistory
    private var watchers: [Int: Watcher] = [:]
    private var nextID = 1

    /// An empty hub keeping `historyLimit` events per resource.
    init(historyLimit: Int) { history = WatchHistory(limit: historyLimit) }

    /// How many watches are open.
    var count: Int { watchers.count }

    /// Records events and sends each watch those it sees.
    mutating func publish(_ events: [WatchEvent], now: Date) {
        guard !events.isEmpty else { return }
        for event in events { history.record(event) }
        for id in Array(watchers.keys) {
            guard var watcher = watchers[id] else { continue }
            let lines = events.compactMap(watcher.plan.translated).map { Self.render($0, for: &watcher, now: now) }
            watchers[id] = watcher
            if !lines.isEmpty { watcher.sink.deliver(lines) }
        }
    }

    /// Opens a watch: its first lines are the `current` objects (stored, of the watched
    /// resource) as ADDED events, or the events after its resourceVersion.
    mutating func subscribe(_ plan: WatchPlan, sink: any WatchSink, current: [ObjectKey: JSONValue], resourceVersion: Int,
                            now: Date) -> Start {
        var watcher = Watcher(plan: plan, sink: sink)
        var events: [WatchEvent] = []
        if plan.sendsInitialEvents {
            events = current.sorted { $0.key < $1.key }.map { key, object in
                let version = Int(object["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? resourceVersion
                return WatchEvent(type: .added, resourceVersion: version, key: key, object: ObjectStore.typed(object, plan.resource))
            }.filter { plan.matches($0.object, key: $0.key) }
            if plan.marksInitialEventsEnd {
                events.append(Self.bookmark(plan, resourceVersion: resourceVersion, endsInitialEvents: true))
            }
        } else if let after = plan.resourceVersion {
            do throws(APIStatus) {
                events = try history.events(of: ObjectKey(plan.resource, namespace: "", name: "").resource, after: after)
                    .compactMap(plan.translated)
            } catch {
                return .expired(line: WatchEvent.line(.error, error.body))
            }
        }
        let lines = events.map { Self.render($0, for: &watcher, now: now) }
        let id = nextID
        nextID += 1
        watchers[id] = watcher
        return .streaming(id: id, lines: lines)
    }

    /// Closes a watch (its client went away or it ended); nothing more is sent to it.
    mutating func unsubscribe(_ id: Int) {
        watchers[id] = nil
    }

    /// Sends a watch that asked for bookmarks a BOOKMARK at `resourceVersion`.
    mutating func sendBookmark(to id: Int, resourceVersion: Int, now: Date) {
        guard var watcher = watchers[id], watcher.plan.bookmarks else { return }
        let line = Self.render(Self.bookmark(watcher.plan, resourceVersion: resourceVersion), for: &watcher, now: now)
        watchers[id] = watcher
        watcher.sink.deliver([line])
    }

    /// Closes every watch, returning their sinks so the caller can end them outside the lock.
    mutating func removeAll() -> [any WatchSink] {
        defer { watchers = [:] }
        return watchers.values.map(\.sink)
    }

    private static func bookmark(_ plan: WatchPlan, resourceVersion: Int, endsInitialEvents: Bool = false) -> WatchEvent {
        WatchEvent(type: .bookmark, resourceVersion: resourceVersion, key: ObjectKey(plan.resource, namespace: "", name: ""),
                   object: WatchEvent.bookmarkObject(plan.resource, resourceVersion: resourceVersion, endsInitialEvents: endsInitialEvents))
    }

    /// The event's line; with `as=Table`, its object becomes a one-row Table whose column
    /// definitions only the first such event carries, as the API server sends them.
    private static func render(_ event: WatchEvent, for watcher: inout Watcher, now: Date) -> [UInt8] {
        guard watcher.plan.table, event.type != .error else { return WatchEvent.line(event.type, event.object) }
        var table = TablePrinter.table([event.object], type: watcher.plan.resource,
                                       resourceVersion: String(event.resourceVersion), now: now)
        if watcher.sentColumns { table["columnDefinitions"] = [] }
        watcher.sentColumns = true
        return WatchEvent.line(event.type, table)
    }
}
