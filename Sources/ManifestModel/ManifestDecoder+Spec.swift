import ObjectModel

extension ManifestDecoder {
    static let specFields = [
        "target_cluster", "namespace", "create_namespace", "container", "node_selector", "tolerations",
        "update_strategy", "min_ready_seconds", "create_service_account", "service_account_name", "config_maps", "rbac",
    ] + Spec.extensionFields

    mutating func decodeSpec(_ node: SourceNode, _ path: FieldPath) -> Spec? {
        guard let f = fields(node, path, known: Self.specFields) else { return nil }
        var spec = Spec(origin: f.origin)
        spec.targetCluster = message(f, "target_cluster") { decoder, node, path in
            guard let t = decoder.fields(node, path, known: ["cluster_kind", "cluster_name"]) else { return nil }
            return TargetCluster(origin: t.origin, clusterKind: decoder.enumName(t, "cluster_kind"),
                                 clusterName: decoder.string(t, "cluster_name"))
        }
        spec.namespace = message(f, "namespace") { $0.decodeValueOrRef($1, $2) }
        spec.createNamespace = bool(f, "create_namespace")
        spec.container = message(f, "container") { $0.decodeContainer($1, $2) }
        spec.nodeSelector = stringMap(f, "node_selector")
        spec.tolerations = list(f, "tolerations") { $0.decodeToleration($1, $2) }
        spec.updateStrategy = message(f, "update_strategy") { $0.decodeUpdateStrategy($1, $2) }
        spec.minReadySeconds = integer(f, "min_ready_seconds")
        spec.createServiceAccount = bool(f, "create_service_account")
        spec.serviceAccountName = string(f, "service_account_name")
        spec.configMaps = stringMap(f, "config_maps")
        spec.rbac = message(f, "rbac") { $0.decodeRbac($1, $2) }
        spec.hostNetwork = bool(f, "host_network")
        spec.dnsPolicy = string(f, "dns_policy")
        spec.hostPID = bool(f, "host_pid")
        spec.priorityClassName = string(f, "priority_class_name")
        spec.terminationGracePeriodSeconds = integer(f, "termination_grace_period_seconds", range: Int64.min...Int64.max)
        spec.initContainers = list(f, "init_containers") { $0.decodeSidecar($1, $2) }
        spec.podAnnotations = stringMap(f, "pod_annotations")
        return spec
    }

    mutating func decodeToleration(_ node: SourceNode, _ path: FieldPath) -> Toleration? {
        guard let t = fields(node, path, known: ["key", "operator", "value", "effect", "toleration_seconds"]) else { return nil }
        return Toleration(origin: t.origin, key: string(t, "key"), operator: string(t, "operator"),
                          value: string(t, "value"), effect: string(t, "effect"),
                          tolerationSeconds: integer(t, "toleration_seconds", range: Int64.min...Int64.max))
    }

    mutating func decodeUpdateStrategy(_ node: SourceNode, _ path: FieldPath) -> UpdateStrategy? {
        guard let u = fields(node, path, known: ["type", "rolling_update"]) else { return nil }
        var strategy = UpdateStrategy(origin: u.origin, type: string(u, "type"))
        strategy.rollingUpdate = message(u, "rolling_update") { decoder, node, path in
            guard let r = decoder.fields(node, path, known: ["max_unavailable", "max_surge"]) else { return nil }
            return RollingUpdate(origin: r.origin, maxUnavailable: decoder.string(r, "max_unavailable"),
                                 maxSurge: decoder.string(r, "max_surge"))
        }
        return strategy
    }

    mutating func decodeRbac(_ node: SourceNode, _ path: FieldPath) -> Rbac? {
        guard let r = fields(node, path, known: ["cluster_rules", "namespace_rules"]) else { return nil }
        let rule: (inout ManifestDecoder, SourceNode, FieldPath) -> RbacRule? = { decoder, node, path in
            guard let f = decoder.fields(node, path, known: ["api_groups", "resources", "verbs", "resource_names"]) else {
                return nil
            }
            return RbacRule(origin: f.origin, apiGroups: decoder.strings(f, "api_groups"), resources: decoder.strings(f, "resources"),
                            verbs: decoder.strings(f, "verbs"), resourceNames: decoder.strings(f, "resource_names"))
        }
        return Rbac(origin: r.origin, clusterRules: list(r, "cluster_rules", item: rule),
                    namespaceRules: list(r, "namespace_rules", item: rule))
    }
}
