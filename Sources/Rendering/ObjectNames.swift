import ManifestModel
import ObjectModel

/// The names and labels every rendered object of one manifest shares.
struct ObjectNames: Sendable, Equatable {
    let name: String
    let namespace: String
    /// Labels on every object and on the pod template.
    let labels: JSONValue
    /// The DaemonSet's selector: unique to this DaemonSet (Planton's `app: daemonset` is shared
    /// by all of them, D4). Pods keep `app: daemonset` among their labels.
    let selector: JSONValue
    let envSecret: String
    let imagePullSecret: String
    /// The ServiceAccount the pods run as, or `nil` for the namespace's default (D3).
    let serviceAccount: String?
    /// ClusterRole and ClusterRoleBinding name: namespaced by prefix so that two DaemonSets of one
    /// name in different namespaces do not collide (D11).
    let clusterRBAC: String

    init(_ manifest: Manifest) {
        name = manifest.name
        namespace = manifest.namespace
        var labels: [String: JSONValue] = [
            "app": "daemonset",
            "app.kubernetes.io/managed-by": "dsledger",
            "planton.ai/resource": "true",
            "planton.ai/name": .string(name),
            "planton.ai/kind": .string(Manifest.kind),
        ]
        let metadata = manifest.metadata
        for (key, value) in [("planton.ai/id", metadata?.id), ("planton.ai/organization", metadata?.org),
                             ("planton.ai/environment", metadata?.env)] {
            if let value = value?.value, !value.isEmpty { labels[key] = .string(value) }
        }
        self.labels = .object(labels)
        selector = ["planton.ai/name": .string(name)]
        envSecret = "\(name)-env-secrets"
        imagePullSecret = "\(name)-image-pull-secret"
        let spec = manifest.spec
        let named = spec?.serviceAccountName?.value.isEmpty == false ? spec?.serviceAccountName?.value : nil
        serviceAccount = spec?.createServiceAccount?.value == true ? (named ?? name) : named
        clusterRBAC = "\(namespace):\(name)"
    }

    /// `metadata` of a namespaced object.
    func metadata(_ objectName: String) -> JSONValue {
        ["name": .string(objectName), "namespace": .string(namespace), "labels": labels]
    }
}
