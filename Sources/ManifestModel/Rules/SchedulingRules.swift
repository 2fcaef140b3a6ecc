import ObjectModel

/// Security contexts of every container.
struct SecurityContextRules: ValidationRule {
    func check(_ manifest: Manifest, into issues: inout Issues) {
        let container = manifest.spec?.container
        let contexts = [container?.app?.securityContext]
            + ((container?.sidecars ?? []) + (manifest.spec?.initContainers ?? [])).map(\.securityContext)
        for context in contexts.compactMap({ $0 }) {
            issues.range(context.runAsUser, 0...Int64(Int32.max), hint: "use a user id from 0 to 2147483647")
            issues.range(context.runAsGroup, 0...Int64(Int32.max), hint: "use a group id from 0 to 2147483647")
            if let nonRoot = context.runAsNonRoot, nonRoot.value, let user = context.runAsUser, user.value == 0 {
                issues.add(.forbidden, user.path, user.location,
                           "\(user.path.lastField ?? "run_as_user") 0 is root, and \(nonRoot.path.lastField ?? "run_as_non_root") is true",
                           hint: "the container could never start; remove one of them")
            }
            for capability in (context.capabilities?.add ?? []) + (context.capabilities?.drop ?? []) {
                issues.format(capability, { $0.isEmpty || $0.containsWhitespace() ? "must be a capability name such as 'NET_ADMIN'" : nil })
            }
        }
    }
}

/// Node selector, tolerations and dsledger's pod-level extensions.
struct SchedulingRules: ValidationRule {
    static let operators = ["Exists", "Equal"]
    static let effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
    static let dnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default"]

    func check(_ manifest: Manifest, into issues: inout Issues) {
        guard let spec = manifest.spec else { return }
        for entry in spec.nodeSelector {
            issues.format(entry.key, NameFormat.qualifiedName)
            issues.format(entry.value, NameFormat.labelValue)
        }
        for entry in spec.podAnnotations { issues.format(entry.key, NameFormat.qualifiedName) }
        for toleration in spec.tolerations { check(toleration, into: &issues) }
        issues.oneOf(spec.dnsPolicy, Self.dnsPolicies, allowsEmpty: false)
        issues.format(spec.priorityClassName, NameFormat.dnsSubdomain)
        issues.range(spec.terminationGracePeriodSeconds, 0...Int64.max, hint: "must not be negative")
        issues.range(spec.minReadySeconds, 0...Int64(Int32.max), hint: "must not be negative")
    }

    private func check(_ toleration: Toleration, into issues: inout Issues) {
        issues.oneOf(toleration.operator, Self.operators)
        issues.oneOf(toleration.effect, Self.effects)
        let op = toleration.operator?.value ?? ""
        let key = toleration.key?.value ?? ""
        if key.isEmpty, op.isEmpty || op == "Equal" {
            let at = toleration.operator ?? toleration.key
            issues.add(.invalid, at?.path ?? toleration.origin.path(of: "operator"), at?.location ?? toleration.origin.location,
                       "an empty key requires operator 'Exists'", hint: "give a key, or use operator: Exists to tolerate every taint")
        } else if !key.isEmpty {
            issues.format(toleration.key, NameFormat.qualifiedName)
        }
        if op == "Exists", let value = toleration.value, !value.value.isEmpty {
            issues.add(.forbidden, value.path, value.location, "a value is not allowed with operator 'Exists'",
                       hint: "remove the value, or use operator: Equal")
        } else if op != "Exists" {
            issues.format(toleration.value, NameFormat.labelValue)
        }
        if let seconds = toleration.tolerationSeconds, toleration.effect?.value != "NoExecute" {
            issues.add(.forbidden, seconds.path, seconds.location,
                       "\(seconds.path.lastField ?? "toleration_seconds") is only allowed with effect 'NoExecute'",
                       hint: "set effect: NoExecute, or remove it")
        }
    }
}
