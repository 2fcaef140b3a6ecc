import ObjectModel

/// `SetDefaults_DaemonSet` for `apps/v1` (and `apps/v1beta2`), or the legacy `extensions/v1beta1`
/// rules, then the pod template.
struct DaemonSetSpecDefaults {
    let version: KubernetesVersion
    /// The API the object was written through; `extensions/v1beta1` selects the legacy rules.
    let apiVersion: String
    let includesEmptyStructs: Bool

    /// `extensions/v1beta1` DaemonSets were served up to 1.15; objects written through that API
    /// keep its defaults (OnDelete, selector copied from template labels, templateGeneration).
    var isLegacyExtensions: Bool { apiVersion == "extensions/v1beta1" }

    func apply(to object: inout Members) {
        if isLegacyExtensions { copyTemplateLabels(into: &object) }
        if object.isAbsent("spec") { object["spec"] = [:] }
        object.edit("spec") { spec in
            applyStrategy(to: &spec)
            spec.fill("revisionHistoryLimit", with: 10)
            // The registry sets TemplateGeneration to 1 on create; only extensions/v1beta1
            // has a field for it (apps/v1 carries it in an annotation, see Kubernetes' behaviour).
            if isLegacyExtensions { spec.fill("templateGeneration", with: 1) }
            spec.edit("template") { template in
                if includesEmptyStructs, version.isAtMost(minor: 33) {
                    if template.isAbsent("metadata") { template["metadata"] = [:] }
                    template.edit("metadata") { $0.fill("creationTimestamp", with: .null) }
                }
                if template.isAbsent("spec") { template["spec"] = [:] }
                template.edit("spec") { pod in
                    PodSpecDefaults(version: version, includesEmptyStructs: includesEmptyStructs).apply(to: &pod)
                }
            }
        }
    }

    private func applyStrategy(to spec: inout Members) {
        if spec.isAbsent("updateStrategy") { spec["updateStrategy"] = [:] }
        spec.edit("updateStrategy") { strategy in
            strategy.fillEmptyString("type", with: isLegacyExtensions ? "OnDelete" : "RollingUpdate")
            // OnDelete keeps a user-supplied rollingUpdate block as it is and adds none.
            guard strategy["type"] == "RollingUpdate" else { return }
            if strategy.isAbsent("rollingUpdate") { strategy["rollingUpdate"] = [:] }
            strategy.edit("rollingUpdate") { rolling in
                rolling.fill("maxUnavailable", with: 1)
                // DaemonSetUpdateSurge: beta and on by default from 1.22; never in extensions/v1beta1.
                if !isLegacyExtensions, version.isAtLeast(minor: 22) { rolling.fill("maxSurge", with: 0) }
            }
        }
    }

    /// extensions/v1beta1: a nil selector becomes the template labels, and empty object labels
    /// become the template labels too.
    private func copyTemplateLabels(into object: inout Members) {
        guard case .object(let labels)? = object["spec"]?["template"]?["metadata"]?["labels"] else { return }
        if object["spec"]?["selector"] == nil || object["spec"]?["selector"] == .null {
            object.edit("spec") { $0["selector"] = ["matchLabels": .object(labels)] }
        }
        if object.isAbsent("metadata") { object["metadata"] = [:] }
        object.edit("metadata") { metadata in
            if (metadata["labels"]?.objectValue ?? [:]).isEmpty { metadata["labels"] = .object(labels) }
        }
    }
}
