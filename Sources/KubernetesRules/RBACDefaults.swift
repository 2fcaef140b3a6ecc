import ObjectModel

/// RoleBinding and ClusterRoleBinding `roleRef.apiGroup` and `subjects[*].apiGroup`
///. Roles and ClusterRoles have nothing defaulted.
struct RBACDefaults {
    static let group = "rbac.authorization.k8s.io"

    func apply(to binding: inout Members) {
        binding.edit("roleRef") { $0.fillEmptyString("apiGroup", with: Self.group) }
        binding.editEach("subjects") { subject in
            guard subject.isAbsent("apiGroup") || subject["apiGroup"] == .string("") else { return }
            switch subject["kind"]?.stringValue {
            // ServiceAccount subjects default to "", which the server omits.
            case "User", "Group": subject["apiGroup"] = .string(Self.group)
            default: break
            }
        }
    }
}
