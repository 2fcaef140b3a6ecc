import ObjectModel

/// `apiVersion`, `kind`, `metadata` and `spec` presence, `metadata.name` as a DNS label,
/// label-valued metadata, relationships and `target_cluster`.
struct EnvelopeRules: ValidationRule {
    static let relationshipTypes = ["depends_on", "runs_on", "managed_by", "uses"]

    func check(_ manifest: Manifest, into issues: inout Issues) {
        constant(manifest.apiVersion, Manifest.apiVersion, field: "api_version", manifest: manifest, into: &issues)
        constant(manifest.kind, Manifest.kind, field: "kind", manifest: manifest, into: &issues)
        if manifest.spec == nil { issues.required("spec", in: manifest.origin) }
        guard let metadata = manifest.metadata else {
            return issues.required("metadata", in: manifest.origin, hint: "give at least metadata.name")
        }
        if let name = metadata.name {
            issues.format(name, NameFormat.dnsLabel, hint: "it names the DaemonSet and is used as a label value")
        } else {
            issues.required("name", in: metadata.origin)
        }
        for value in [metadata.id, metadata.org, metadata.env] {
            issues.format(value, NameFormat.labelValue, hint: "it becomes a label value")
        }
        for relationship in metadata.relationships {
            issues.nonEmpty(relationship.kind, "kind", in: relationship.origin)
            issues.nonEmpty(relationship.name, "name", in: relationship.origin)
            if let type = relationship.type {
                issues.oneOf(type, Self.relationshipTypes, allowsEmpty: false)
            } else {
                issues.required("type", in: relationship.origin, hint: Issues.useOneOf(Self.relationshipTypes))
            }
        }
        if let cluster = manifest.spec?.targetCluster {
            let names = TargetCluster.kinds.map(\.name)
            let numbers = TargetCluster.kinds.map { String($0.number) }
            if let kind = cluster.clusterKind {
                if !names.contains(kind.value) && !numbers.contains(kind.value) { issues.oneOf(kind, names, allowsEmpty: false) }
            } else {
                issues.required("cluster_kind", in: cluster.origin, hint: Issues.useOneOf(names))
            }
        }
    }

    private func constant(_ value: Located<String>?, _ expected: String, field: String, manifest: Manifest,
                          into issues: inout Issues) {
        guard let value else {
            // Every Kubernetes-style document spells the envelope `apiVersion`, whatever the rest uses.
            let name = field == "api_version" ? "apiVersion" : field
            return issues.add(.required, manifest.origin.path.field(name), manifest.origin.location, "required value",
                              hint: "use '\(expected)'")
        }
        if value.value != expected {
            issues.add(.invalid, value.path, value.location, "invalid value '\(value.value)'", hint: "use '\(expected)'")
        }
    }
}

/// `spec.namespace`: a literal, non-empty DNS label (dsledger cannot resolve `value_from`).
struct NamespaceRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let spec = manifest.spec else { return }
        guard let namespace = spec.namespace else {
            return issues.required("namespace", in: spec.origin, hint: "write namespace: {value: <name>}")
        }
        if let from = namespace.valueFrom {
            issues.add(.unsupported, from.origin.path, from.origin.location,
                       "references to other resources cannot be resolved by dsledger", hint: "give a literal 'value'")
        }
        if let value = namespace.value {
            issues.format(value, NameFormat.dnsLabel)
        } else if namespace.valueFrom == nil {
            issues.required("value", in: namespace.origin)
        }
    }
}
