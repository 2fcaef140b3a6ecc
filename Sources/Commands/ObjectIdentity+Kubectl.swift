import Ledger
import ObjectModel

extension ObjectIdentity {
    /// The object as kubectl prints it: `daemonset.apps/fluent-bit`, `secret/fluent-bit-env`,
    /// `clusterrole.rbac.authorization.k8s.io/logging:fluent-bit`.
    var kubectl: String {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return kind.lowercased() + (group.isEmpty ? "" : "." + group) + "/" + name
    }

    /// The identity as events record it: `apiVersion`, `kind`, `namespace` (when namespaced), `name`.
    var json: [String: JSONValue] { detailJSON }
}
