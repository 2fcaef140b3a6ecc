import ObjectModel

extension DaemonSetController {
    /// The status the real controller computes (`updateDaemonSetStatus`): counters over the
    /// nodes that should run the pod, misscheduled pods elsewhere; the optional counters are
    /// omitted at 0.
    static func status(_ daemonSet: JSONValue, nodes: [NodeView], pods: [String: Pod], hash: String) -> JSONValue {
        var desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0
        for node in nodes {
            let pod = pods[node.name]
            guard node.placement.shouldRun else {
                if pod != nil { misscheduled += 1 }
                continue
            }
            desired += 1
            guard let pod else { continue }
            current += 1
            if pod.ready { ready += 1 }
            if pod.hash == hash { updated += 1 }
        }
        var status: [String: JSONValue] = [
            "currentNumberScheduled": .int(Int64(current)), "numberMisscheduled": .int(Int64(misscheduled)),
            "desiredNumberScheduled": .int(Int64(desired)), "numberReady": .int(Int64(ready)),
        ]
        let generation = daemonSet["metadata"]?["generation"]?.intValue ?? 0
        let optional: [(String, Int64)] = [("observedGeneration", generation), ("updatedNumberScheduled", Int64(updated)),
                                           ("numberAvailable", Int64(ready)), ("numberUnavailable", Int64(desired - ready))]
        for (name, value) in optional where value > 0 { status[name] = .int(value) }
        for name in ["collisionCount", "conditions"] { status[name] = daemonSet["status"]?[name] }
        return .object(status)
    }

    /// Writes `status` through the status subresource when it changed: a new resourceVersion
    /// and the controller's `managedFields` entry (`Update`, subresource `status`).
    static func writeStatus(_ status: JSONValue, key: ObjectKey, _ store: inout ObjectStore) {
        guard var object = store.objects[key], object["status"] != status else { return }
        var book = ManagedFieldsBook(object["metadata"]?["managedFields"])
        book.recordStatus(manager: manager, old: object["status"], new: status, apiVersion: "apps/v1", time: store.timestamp())
        object["status"] = status
        object["metadata"]?["managedFields"] = book.entries.isEmpty ? nil : book.list
        store.resourceVersion += 1
        object["metadata"]?["resourceVersion"] = .string(String(store.resourceVersion))
        store.objects[key] = object
    }
}
