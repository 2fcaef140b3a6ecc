import Foundation
import ObjectModel

extension EmulatorState {
    /// Sends the store's changes since the last call to the watches and the history. Every
    /// block that holds the lock and may write calls it before releasing the lock, so
    /// events go out in resourceVersion order.
    func publishWatchEvents() {
        let changes = store.objects.takeChanges()
        guard !changes.isEmpty else { return }
        watches.publish(WatchEvent.events(of: changes, resourceVersion: store.resourceVersion), now: store.now())
    }

    /// Opens a watch whose events go to `sink`: its first lines, or the ERROR line of a
    /// version too old.
    func startWatch(_ plan: WatchPlan, sink: any WatchSink) -> WatchHub.Start {
        lock.withLock {
            publishWatchEvents()
            let resource = ObjectKey(plan.resource, namespace: "", name: "").resource
            let current = plan.sendsInitialEvents ? store.objects.filter { $0.key.resource == resource } : [:]
            return watches.subscribe(plan, sink: sink, current: current, resourceVersion: store.resourceVersion, now: store.now())
        }
    }

    /// Closes a watch: its client went away or its stream ended.
    func stopWatch(_ id: Int) {
        lock.withLock { watches.unsubscribe(id) }
    }

    /// Sends a watch a BOOKMARK at the current resourceVersion.
    func sendBookmark(to id: Int) {
        lock.withLock { watches.sendBookmark(to: id, resourceVersion: store.resourceVersion, now: store.now()) }
    }

    /// Closes every watch and returns their sinks, to be ended outside the lock.
    func closeAllWatches() -> [any WatchSink] {
        lock.withLock { watches.removeAll() }
    }

    /// How many watches are open.
    var openWatches: Int { lock.withLock { watches.count } }
}
