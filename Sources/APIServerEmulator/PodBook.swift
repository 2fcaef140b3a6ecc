import Foundation
import ObjectModel

/// The Pod and Event objects the emulator serves, derived from the DaemonSet controller's pod
/// model and the ``PodRuntime`` after every change: one Pod per node and DaemonSet, owned by it,
/// with the status its kubelet would report, plus the other pods; and the events the
/// controller, the scheduler and the kubelets would record.
///
/// Pods and events live outside the ``ObjectStore``: they never take a resourceVersion of
/// their own, so writes to stored objects see the same sequence with or without them. Their
/// `resourceVersion` is the store's at their last change.
struct PodBook: Sendable {
    /// Daemon pods by `namespace/name`.
    var daemonPods: [String: JSONValue] = [:]
    /// The events, oldest first.
    var events: [JSONValue] = []
    /// The last container state an event was recorded for, by pod uid, then container.
    var reported: [String: [String: String]] = [:]
    /// The template generation each revision hash was first seen with, by DaemonSet uid + hash.
    var generations: [String: String] = [:]
    /// How many daemon pods ``sync(_:_:only:)`` has built so far: the work a write costs, for tests.
    private(set) var podsBuilt = 0

    /// Which daemon pods a sync brings in line with the controller's model.
    enum Scope: Sendable, Hashable {
        /// Every DaemonSet's (after a Node or the pod runtime changed, or a paced rollout was read).
        case all
        /// Only these DaemonSets' (present or deleted): a write to one DaemonSet moves no other's pods.
        case daemonSets(Set<ObjectKey>)
        /// None: the write changed nothing pods are made from.
        case none
    }

    /// Brings the pods of `scope` in line with the controller's model and records the events of
    /// what changed. Pods are made only from their DaemonSet, the controller's model of it, the
    /// nodes and the pod runtime, so pods outside the scope stay as they are.
    mutating func sync(_ store: ObjectStore, _ controller: DaemonSetController, only scope: Scope = .all) {
        let keys: [ObjectKey]
        switch scope {
        case .none: return
        case .all: keys = DaemonSetController.daemonSetKeys(store)
        case .daemonSets(let some): keys = some.sorted()
        }
        var wanted: [String: JSONValue] = [:]
        let nodes = Dictionary(DaemonSetController.nodes(store).compactMap { node in
            node["metadata"]?["name"]?.stringValue.map { ($0, node) }
        }, uniquingKeysWith: { first, _ in first })
        for key in keys {
            guard let daemonSet = store.objects[key], let uid = daemonSet["metadata"]?["uid"]?.stringValue else { continue }
            for (nodeName, model) in (controller.pods[uid] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let node = nodes[nodeName] else { continue }
                let generation = self.generation(daemonSet, uid: uid, hash: model.hash)
                let podName = PodTemplate.name(daemonSet: key.name, uid: uid, node: nodeName, hash: model.hash)
                podsBuilt += 1
                let time = daemonPods[key.namespace + "/" + podName]?["metadata"]?["creationTimestamp"]?.stringValue ?? store.timestamp()
                wanted[key.namespace + "/" + podName] = PodTemplate.daemonPod(
                    daemonSet, name: podName, node: node, hash: model.hash, generation: generation, runtime: controller.runtime,
                    nodeCount: nodes.count, time: time)
            }
        }
        let owners: Set<String>? = if case .daemonSets = scope { Set(keys.map { $0.namespace + "/" + $0.name }) } else { nil }
        for (name, old) in daemonPods where wanted[name] == nil && owners.map({ $0.contains(Self.ownerKey(of: old)) }) ?? true {
            daemonPods[name] = nil
            record(on: owner(of: old, store), reason: "SuccessfulDelete", message: "Deleted pod: \(old["metadata"]?["name"]?.stringValue ?? "")",
                   type: "Normal", component: "daemonset-controller", store)
        }
        for (name, candidate) in wanted.sorted(by: { $0.key < $1.key }) {
            update(name, candidate, controller.runtime, store)
        }
    }

    /// Stores one wanted pod, keeping its identity, and records its events.
    private mutating func update(_ name: String, _ candidate: JSONValue, _ runtime: PodRuntime, _ store: ObjectStore) {
        var pod = candidate
        if let old = daemonPods[name] {
            for field in ["uid", "creationTimestamp", "resourceVersion"] { pod["metadata"]?[field] = old["metadata"]?[field] }
            guard pod != old else { return }
        } else {
            pod["metadata"]?["uid"] = .string(UUID().uuidString.lowercased())
            pod["metadata"]?["creationTimestamp"] = .string(store.timestamp())
            record(on: owner(of: pod, store), reason: "SuccessfulCreate",
                   message: "Created pod: \(pod["metadata"]?["name"]?.stringValue ?? "")", type: "Normal",
                   component: "daemonset-controller", store)
        }
        pod["metadata"]?["resourceVersion"] = .string(String(store.resourceVersion))
        daemonPods[name] = pod
        recordStateEvents(pod, runtime, store)
    }

    /// The template generation pods of `hash` carry: the DaemonSet's current one for the
    /// current hash, else the one remembered when the hash was current.
    private mutating func generation(_ daemonSet: JSONValue, uid: String, hash: String) -> String {
        let current = daemonSet["metadata"]?["annotations"]?["deprecated.daemonset.template.generation"]?.stringValue
            ?? String(daemonSet["metadata"]?["generation"]?.intValue ?? 1)
        let template = daemonSet["spec"]?["template"] ?? [:]
        let currentHash = DaemonSetController.revisionHash(template, collisionCount: daemonSet["status"]?["collisionCount"]?.intValue)
        if hash == currentHash || hash.isEmpty { generations[uid + "/" + hash] = current }
        return generations[uid + "/" + hash] ?? current
    }

    /// `namespace/name` of a pod's owning DaemonSet.
    private static func ownerKey(of pod: JSONValue) -> String {
        let name = pod["metadata"]?["ownerReferences"]?.arrayValue?.first?["name"]?.stringValue ?? ""
        return (pod["metadata"]?["namespace"]?.stringValue ?? "") + "/" + name
    }

    /// The involved-object reference of a pod's owning DaemonSet.
    private func owner(of pod: JSONValue, _ store: ObjectStore) -> JSONValue {
        let reference = pod["metadata"]?["ownerReferences"]?.arrayValue?.first ?? [:]
        return ["kind": "DaemonSet", "apiVersion": "apps/v1", "namespace": pod["metadata"]?["namespace"] ?? "",
                "name": reference["name"] ?? "", "uid": reference["uid"] ?? ""]
    }

    /// Every pod, daemon and other, sorted by namespace and name.
    func allPods(_ runtime: PodRuntime) -> [(key: String, value: JSONValue)] {
        daemonPods.merging(runtime.otherPods) { daemon, _ in daemon }.sorted { $0.key < $1.key }
    }
}
