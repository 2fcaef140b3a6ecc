import Ledger
import ObjectModel

/// An object's identity as kubectl prints it (`daemonset.apps/fluent-bit`) and as events record it.
struct ObjectName: Hashable, Sendable, CustomStringConvertible {
    var apiVersion: String
    var kind: String
    var namespace: String?
    var name: String

    init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    init(_ object: JSONValue) {
        self.init(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "",
                  namespace: object.value(atMemberPath: "metadata.namespace")?.stringValue,
                  name: object.value(atMemberPath: "metadata.name")?.stringValue ?? "")
    }

    init(_ reference: ObjectReference) {
        self.init(apiVersion: reference.apiVersion, kind: reference.kind, namespace: reference.namespace, name: reference.name)
    }

    /// `daemonset.apps/fluent-bit`, `secret/fluent-bit-env`, `clusterrole.rbac.authorization.k8s.io/logging:fluent-bit`.
    var kubectl: String {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return kind.lowercased() + (group.isEmpty ? "" : "." + group) + "/" + name
    }

    /// `DaemonSet logging/fluent-bit`, `ClusterRole logging:fluent-bit`.
    var description: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }

    var json: [String: JSONValue] {
        var entry: [String: JSONValue] = ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name)]
        if let namespace { entry["namespace"] = .string(namespace) }
        return entry
    }
}
