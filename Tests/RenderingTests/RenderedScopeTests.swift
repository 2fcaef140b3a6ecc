import ManifestModel
import ObjectModel
import Rendering
import Testing

/// The rule `rollback` enforces: every object the renderer produces is allowed, nothing else.
@Suite struct RenderedScopeTests {
    @Test("every object of every golden case is within the release's scope", arguments: GoldenCase.all)
    func everyRenderedObjectIsAllowed(_ golden: GoldenCase) throws {
        let renderer = Renderer(options: .init(dockerConfigJSON: try golden.dockerConfig()))
        for manifest in try golden.manifests() {
            for object in renderer.rendered(manifest) {
                #expect(RenderedScope.problem(with: object, namespace: manifest.namespace, name: manifest.name) == nil,
                        "\(ObjectIdentity(object).title)")
            }
        }
    }

    static let refused: [(JSONValue, String)] = [
        (["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "agent", "namespace": "ops"]],
         "Job ops/agent (batch/v1) is not a kind dsledger renders"),
        (["apiVersion": "apps/v1beta2", "kind": "DaemonSet", "metadata": ["name": "agent", "namespace": "ops"]],
         "DaemonSet ops/agent (apps/v1beta2) is not a kind dsledger renders"),
        (["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "agent", "namespace": "kube-system"]],
         "Secret kube-system/agent is outside the release's namespace 'ops'"),
        (["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "agent"]],
         "Secret agent is outside the release's namespace 'ops'"),
        (["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kube-system"]],
         "Namespace kube-system is not the release's own Namespace ('ops')"),
        (["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "other:agent"]],
         "ClusterRole other:agent is not the release's own ClusterRole ('ops:agent')"),
        (["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": "ops:agent"],
          "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"]],
         "ClusterRoleBinding ops:agent binds another role than the release's own ClusterRole 'ops:agent'"),
        (["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": "agent", "namespace": "ops"],
          "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"]],
         "RoleBinding ops/agent binds a role that is not a Role of the namespace"),
    ]

    @Test(arguments: refused)
    func refusesWhatTheRendererNeverProduces(object: JSONValue, problem: String) {
        #expect(RenderedScope.problem(with: object, namespace: "ops", name: "agent") == problem)
    }
}
