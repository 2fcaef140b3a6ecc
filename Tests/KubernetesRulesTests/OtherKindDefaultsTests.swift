import KubernetesRules
import ObjectModel
import Testing

@Suite struct OtherKindDefaultsTests {
    @Test func secretGetsOpaqueTypeAndFoldsStringData() throws {
        let secret = try yaml("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: ops}
            data: {a: YQ==, b: b2xk}
            stringData: {b: new, c: "héllo"}
            """)
        let expected = try yaml("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: ops}
            type: Opaque
            data: {a: YQ==, b: bmV3, c: aMOpbGxv}
            """)
        #expect(differences(try defaults("1.31").defaulted(secret), expected) == [])
    }

    @Test func secretKeepsItsType() throws {
        let secret = try yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, type: kubernetes.io/dockerconfigjson, data: {}}")
        #expect(try defaults("1.31").defaulted(secret) == secret)
    }

    @Test(arguments: [("1.20", false), ("1.21", true), ("1.22", true), ("1.33", true)])
    func namespaceGetsItsNameLabelFrom121(version: String, labelled: Bool) throws {
        let namespace = try yaml("{apiVersion: v1, kind: Namespace, metadata: {name: ops, labels: {team: a, kubernetes.io/metadata.name: wrong}}}")
        let labels = try defaults(version).defaulted(namespace).value(atMemberPath: "metadata.labels")
        #expect(labels == ["team": "a", "kubernetes.io/metadata.name": labelled ? "ops" : "wrong"])
    }

    @Test func namespaceCreateAddsFinalizerAndPhase() throws {
        let namespace = try yaml("{apiVersion: v1, kind: Namespace, metadata: {name: ops}}")
        let created = try defaults("1.31").preparedForCreate(namespace)
        #expect(created == (try yaml("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: ops, labels: {kubernetes.io/metadata.name: ops}}
            spec: {finalizers: [kubernetes]}
            status: {phase: Active}
            """)))
        #expect(try defaults("1.31").preparedForCreate(created) == created)
        #expect(try defaults("1.31").defaulted(namespace)["spec"] == nil)
    }

    @Test(arguments: ["RoleBinding", "ClusterRoleBinding"])
    func bindingsGetTheirAPIGroups(kind: String) throws {
        let binding = try yaml("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: \(kind)
            metadata: {name: b}
            roleRef: {kind: ClusterRole, name: view}
            subjects:
            - {kind: ServiceAccount, name: sa, namespace: ops}
            - {kind: User, name: alice}
            - {kind: Group, name: devs, apiGroup: ''}
            - {kind: Group, name: other, apiGroup: example.com}
            """)
        let result = try defaults("1.31").defaulted(binding)
        #expect(result["roleRef"] == ["kind": "ClusterRole", "name": "view", "apiGroup": "rbac.authorization.k8s.io"])
        #expect(result["subjects"] == (try yaml("""
            - {kind: ServiceAccount, name: sa, namespace: ops}
            - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
            - {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
            - {kind: Group, name: other, apiGroup: example.com}
            """)))
    }

    @Test(arguments: [
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}",
        "{apiVersion: v1, kind: ServiceAccount, metadata: {name: sa}}",
        "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}, rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]}",
        "{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r}, rules: []}",
        "{apiVersion: apps/v1, kind: ControllerRevision, metadata: {name: r}, revision: 1, data: {spec: {}}}",
        "{apiVersion: example.com/v1, kind: Widget, spec: {template: {}}}",
    ])
    func leavesKindsWithoutDefaultsUnchanged(text: String) throws {
        let object = try yaml(text)
        #expect(try defaults("1.31").defaulted(object) == object)
    }
}
