import ManifestModel
import ObjectModel

/// The `apps/v1` DaemonSet, made whole from the manifest in one call.
struct DaemonSetRendering {
    let names: ObjectNames
    let options: Renderer.Options

    /// The DaemonSet of `manifest`.
    func rendered(_ manifest: Manifest) -> JSONValue {
        let spec = manifest.spec
        var dsSpec: [String: JSONValue] = [
            "selector": ["matchLabels": names.selector],
            "template": ["metadata": templateMetadata(spec), "spec": podSpec(name: manifest.name, spec: spec)],
        ]
        if let seconds = spec?.minReadySeconds { dsSpec["minReadySeconds"] = .int(seconds.value) }
        if let strategy = spec?.updateStrategy.flatMap(Self.updateStrategy) { dsSpec["updateStrategy"] = strategy }
        return ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": names.metadata(names.name), "spec": .object(dsSpec)]
    }

    private func templateMetadata(_ spec: Spec?) -> JSONValue {
        var metadata: [String: JSONValue] = ["labels": names.labels]
        let annotations = spec?.podAnnotations ?? []
        if !annotations.isEmpty {
            metadata["annotations"] = .object(Dictionary(annotations.map { ($0.key.value, JSONValue.string($0.value.value)) },
                                                         uniquingKeysWith: { _, last in last }))
        }
        return .object(metadata)
    }

    private func podSpec(name: String, spec: Spec?) -> JSONValue {
        let containers = ContainerRendering()
        let sidecars = spec?.container?.sidecars ?? []
        let initContainers = spec?.initContainers ?? []
        var pod: [String: JSONValue] = [
            "containers": .array([containers.main(spec?.container?.app, name: name)] + sidecars.map(containers.sidecar)),
        ]
        if !initContainers.isEmpty { pod["initContainers"] = .array(initContainers.map(containers.sidecar)) }
        let volumes = VolumeRendering.volumes(app: spec?.container?.app?.volumeMounts ?? [],
                                              others: (sidecars + initContainers).flatMap(\.volumeMounts))
        if !volumes.isEmpty { pod["volumes"] = .array(volumes) }
        if let account = names.serviceAccount { pod["serviceAccountName"] = .string(account) }
        let selector = spec?.nodeSelector ?? []
        if !selector.isEmpty {
            pod["nodeSelector"] = .object(Dictionary(selector.map { ($0.key.value, JSONValue.string($0.value.value)) },
                                                     uniquingKeysWith: { _, last in last }))
        }
        if let tolerations = spec?.tolerations, !tolerations.isEmpty { pod["tolerations"] = .array(tolerations.map(Self.toleration)) }
        let pullSecrets = imagePullSecrets(spec)
        if !pullSecrets.isEmpty { pod["imagePullSecrets"] = .array(pullSecrets.map { ["name": .string($0)] }) }
        if let flag = spec?.hostNetwork { pod["hostNetwork"] = .bool(flag.value) }
        if let flag = spec?.hostPID { pod["hostPID"] = .bool(flag.value) }
        if let policy = spec?.dnsPolicy { pod["dnsPolicy"] = .string(policy.value) }
        if let priority = spec?.priorityClassName { pod["priorityClassName"] = .string(priority.value) }
        if let grace = spec?.terminationGracePeriodSeconds { pod["terminationGracePeriodSeconds"] = .int(grace.value) }
        return .object(pod)
    }

    /// `image.pull_secret_name` (ignored by Planton, D2), then the Secret made from `--docker-config`.
    private func imagePullSecrets(_ spec: Spec?) -> [String] {
        var secrets: [String] = []
        if let named = spec?.container?.app?.image?.pullSecretName?.value, !named.isEmpty { secrets.append(named) }
        if options.dockerConfigJSON != nil, !secrets.contains(names.imagePullSecret) { secrets.append(names.imagePullSecret) }
        return secrets
    }

    static func toleration(_ toleration: Toleration) -> JSONValue {
        var out: [String: JSONValue] = [:]
        for (key, value) in [("key", toleration.key), ("operator", toleration.operator), ("value", toleration.value),
                             ("effect", toleration.effect)] {
            if let value = value?.value, !value.isEmpty { out[key] = .string(value) }
        }
        if let seconds = toleration.tolerationSeconds { out["tolerationSeconds"] = .int(seconds.value) }
        return .object(out)
    }

    /// `{type}` plus `rollingUpdate` with counts as integers and percentages as strings (D7).
    /// A `rolling_update` without a type means RollingUpdate, the Kubernetes default (D8).
    static func updateStrategy(_ strategy: UpdateStrategy) -> JSONValue? {
        let type = strategy.type?.value.isEmpty == false ? strategy.type!.value : (strategy.rollingUpdate != nil ? "RollingUpdate" : nil)
        guard let type else { return nil }
        var out: [String: JSONValue] = ["type": .string(type)]
        if type == "RollingUpdate", let rolling = strategy.rollingUpdate {
            var values: [String: JSONValue] = [:]
            if let value = rolling.maxUnavailable.flatMap(intOrPercent) { values["maxUnavailable"] = value }
            if let value = rolling.maxSurge.flatMap(intOrPercent) { values["maxSurge"] = value }
            if !values.isEmpty { out["rollingUpdate"] = .object(values) }
        }
        return .object(out)
    }

    private static func intOrPercent(_ text: Located<String>) -> JSONValue? {
        switch IntOrPercent(text.value) {
        case .int(let value): return .int(value)
        case .percent: return .string(text.value)
        case nil: return nil
        }
    }
}
