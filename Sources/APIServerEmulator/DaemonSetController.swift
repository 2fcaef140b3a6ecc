import ObjectModel

/// How fast the emulated DaemonSet controller rolls a template out to the nodes.
public enum RolloutPace: Sendable, Hashable {
    /// Every eligible node runs the current template, ready, right after the write.
    case immediate
    /// Each GET or LIST of a DaemonSet brings one more node up to date and ready.
    case onePerRead
    /// Pods are scheduled but never become updated or ready, so a wait times out.
    case stalled
}

/// The emulated DaemonSet controller: it keeps a model of the daemon
/// pods per node, and writes each DaemonSet's status and ControllerRevisions as the real
/// controller does. It runs synchronously after every write that touches a DaemonSet or a Node.
struct DaemonSetController: Sendable {
    /// A simulated daemon pod: the revision hash of its template (empty while pending) and
    /// whether it is ready.
    struct Pod: Sendable, Hashable {
        var hash: String
        var ready: Bool
    }

    /// One node as the controller sees it for one DaemonSet.
    struct NodeView: Sendable {
        var name: String
        var placement: DaemonSetScheduling.Placement
        var ready: Bool
    }

    /// The field manager of the controller's writes.
    static let manager = "kube-controller-manager"

    /// The rollout pace.
    var pace: RolloutPace = .immediate
    /// Daemon pods by DaemonSet uid, then node name.
    var pods: [String: [String: Pod]] = [:]
    /// Scripted containers and other pods, which decide whether a daemon pod can be ready.
    var runtime = PodRuntime()

    /// Reconciles every DaemonSet and removes what the garbage collector would.
    mutating func reconcileAll(_ store: inout ObjectStore) {
        collectGarbage(&store)
        for key in Self.daemonSetKeys(store) { reconcile(key, &store, advancing: false) }
    }

    /// Reconciles one DaemonSet after a write to it.
    mutating func reconcile(only key: ObjectKey, _ store: inout ObjectStore) {
        reconcile(key, &store, advancing: false)
    }

    /// Under ``RolloutPace/onePerRead``, brings one more node of each DaemonSet a read
    /// addresses up to date.
    mutating func advance(_ store: inout ObjectStore, namespace: String?, name: String?) {
        guard pace == .onePerRead else { return }
        for key in Self.daemonSetKeys(store) where (namespace == nil || key.namespace == namespace) && (name == nil || key.name == name) {
            reconcile(key, &store, advancing: true)
        }
    }

    private mutating func reconcile(_ key: ObjectKey, _ store: inout ObjectStore, advancing: Bool) {
        guard let daemonSet = store.objects[key], let uid = daemonSet["metadata"]?["uid"]?.stringValue else { return }
        let template = daemonSet["spec"]?["template"] ?? [:]
        let hash = Self.revisionHash(template, collisionCount: daemonSet["status"]?["collisionCount"]?.intValue)
        let nodes = Self.nodes(store).map { node in
            NodeView(name: node["metadata"]?["name"]?.stringValue ?? "", placement: DaemonSetScheduling.placement(of: template, on: node),
                     ready: runtime.isReady(template, on: node))
        }
        var current = (pods[uid] ?? [:]).filter { name, _ in
            nodes.first { $0.name == name }?.placement.shouldContinueRunning ?? false
        }
        let replacesOld = daemonSet["spec"]?["updateStrategy"]?["type"] != "OnDelete"
        schedule(&current, nodes: nodes, hash: hash, replacesOld: replacesOld, advancing: advancing)
        pods[uid] = current
        syncRevisions(of: daemonSet, key: key, hash: hash, liveHashes: Set(current.values.map(\.hash)), &store)
        let status = Self.status(daemonSet, nodes: nodes, pods: current, hash: hash)
        Self.writeStatus(status, key: key, &store)
    }

    private func schedule(_ current: inout [String: Pod], nodes: [NodeView], hash: String, replacesOld: Bool, advancing: Bool) {
        let eligible = nodes.filter(\.placement.shouldRun)
        func outdated(_ node: NodeView) -> Bool {
            guard let pod = current[node.name] else { return true }
            return replacesOld && pod.hash != hash
        }
        switch pace {
        case .immediate:
            for node in eligible {
                if outdated(node) { current[node.name] = Pod(hash: hash, ready: node.ready) } else { current[node.name]?.ready = node.ready }
            }
        case .onePerRead:
            if advancing, let node = eligible.first(where: outdated) {
                current[node.name] = Pod(hash: hash, ready: node.ready)
            }
        case .stalled:
            for node in eligible { current[node.name] = Pod(hash: "", ready: false) }
        }
    }

    /// The keys of every stored DaemonSet, in order.
    static func daemonSetKeys(_ store: ObjectStore) -> [ObjectKey] {
        store.objects.keys.filter { $0.resource == "apps/daemonsets" }.sorted()
    }

    /// Every stored Node, by name.
    static func nodes(_ store: ObjectStore) -> [JSONValue] {
        store.objects.filter { $0.key.resource == "/nodes" }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Removes pod models and ControllerRevisions whose DaemonSet is gone (background deletion).
    private mutating func collectGarbage(_ store: inout ObjectStore) {
        let live = Set(Self.daemonSetKeys(store).compactMap { store.objects[$0]?["metadata"]?["uid"]?.stringValue })
        pods = pods.filter { live.contains($0.key) }
        for (key, revision) in store.objects where key.resource == "apps/controllerrevisions" {
            let owner = (revision["metadata"]?["ownerReferences"]?.arrayValue ?? []).first { $0["kind"] == "DaemonSet" }
            if let uid = owner?["uid"]?.stringValue, !live.contains(uid) {
                store.objects[key] = nil
                store.resourceVersion += 1
            }
        }
    }
}
