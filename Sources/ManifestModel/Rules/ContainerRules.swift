import KubernetesRules
import ObjectModel

/// `spec.container.app` and its image.
struct ContainerRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let spec = manifest.spec else { return }
        guard let container = spec.container else { return issues.required("container", in: spec.origin) }
        guard let app = container.app else { return issues.required("app", in: container.origin) }
        guard let image = app.image else {
            return issues.required("image", in: app.origin, hint: "give image.repo and image.tag")
        }
        issues.nonEmpty(image.repo, "repo", in: image.origin)
        issues.nonEmpty(image.tag, "tag", in: image.origin)
        if let repo = image.repo, repo.value.containsWhitespace() || repo.value.containsControlCharacters || repo.value.hasSuffix("/") {
            issues.add(.invalid, repo.path, repo.location, "invalid image repository '\(repo.value)'",
                       hint: "use a reference such as 'quay.io/prometheus/node-exporter'")
        }
        if let tag = image.tag, tag.value.containsWhitespace(or: "/") || tag.value.containsControlCharacters || tag.value.count > 128 {
            issues.add(.invalid, tag.path, tag.location, "invalid image tag '\(tag.value)'",
                       hint: "a tag has at most 128 letters, digits, '_', '.' and '-'")
        }
        issues.format(image.pullSecretName, NameFormat.dnsSubdomain)
    }
}

/// Resource quantities, and requests no larger than limits (after dsledger's defaults).
struct ResourceRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        let containers = manifest.spec?.container
        if let resources = containers?.app?.resources { check(resources, defaults: true, into: &issues) }
        for sidecar in (containers?.sidecars ?? []) + (manifest.spec?.initContainers ?? []) {
            if let resources = sidecar.resources { check(resources, defaults: false, into: &issues) }
        }
    }

    private func check(_ resources: Resources, defaults: Bool, into issues: inout Issues) {
        for value in [resources.limits?.cpu, resources.limits?.memory, resources.requests?.cpu, resources.requests?.memory] {
            issues.quantity(value)
        }
        let limits: [(Located<String>?, String)] = [
            (resources.limits?.cpu, Resources.defaultLimits.cpu), (resources.limits?.memory, Resources.defaultLimits.memory),
        ]
        for (request, (limit, fallback)) in zip([resources.requests?.cpu, resources.requests?.memory], limits) {
            guard let request, let wanted = Quantity(request.value) else { continue }
            let limitText = limit?.value ?? (defaults ? fallback : nil)
            guard let limitText, let cap = Quantity(limitText), wanted.value > cap.value else { continue }
            let which = limit == nil ? "the default limit" : "the limit"
            issues.add(.invalid, request.path, request.location,
                       "request '\(request.value)' is larger than \(which) '\(limitText)'",
                       hint: limit == nil ? "set the limit too" : "a request must be less than or equal to its limit")
        }
    }
}
