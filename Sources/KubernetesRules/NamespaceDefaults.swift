import ObjectModel

/// The Namespace name label (defaulting) and the create-time finalizer and phase (registry
/// strategy) of Kubernetes' behaviour
struct NamespaceDefaults {
    let version: KubernetesVersion

    static let nameLabel = "kubernetes.io/metadata.name"

    /// NamespaceDefaultLabelName: beta (on by default) in 1.21, GA in 1.22.
    var setsNameLabel: Bool { version.isAtLeast(minor: 21) }

    func apply(to namespace: inout Members) {
        guard setsNameLabel, let name = namespace["metadata"]?["name"]?.stringValue, !name.isEmpty else { return }
        // Always (re)set: a user can neither change nor remove it.
        namespace.edit("metadata") { metadata in
            var labels = metadata["labels"]?.objectValue ?? [:]
            labels[Self.nameLabel] = .string(name)
            metadata["labels"] = .object(labels)
        }
    }

    /// `PrepareForCreate`: the `kubernetes` finalizer is appended and the phase set to Active.
    func prepareForCreate(_ namespace: inout Members) {
        if namespace.isAbsent("spec") { namespace["spec"] = [:] }
        namespace.edit("spec") { spec in
            var finalizers = spec["finalizers"]?.arrayValue ?? []
            if !finalizers.contains("kubernetes") { finalizers.append("kubernetes") }
            spec["finalizers"] = .array(finalizers)
        }
        namespace["status"] = ["phase": "Active"]
    }
}
