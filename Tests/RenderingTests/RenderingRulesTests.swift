import Foundation
import ManifestModel
import ObjectModel
import Rendering
import Testing

/// Focused checks of the rules the golden files show, so that a wrong re-recording is caught.
extension RenderingTests {
    /// Renders a manifest whose `spec` is `minimal + spec`, written in YAML.
    static func render(spec: String = "", app: String = "", docker: String? = nil) throws -> [JSONValue] {
        let text = """
            apiVersion: kubernetes.project-planton.org/v1
            kind: KubernetesDaemonSet
            metadata: {name: demo}
            spec:
              namespace: {value: agents}
            \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
              container:
                app:
                  image: {repo: docker.io/library/busybox, tag: "1.36"}
            \(app.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            """
        let manifests = try ManifestReader.read(text, file: "inline.yaml")
        return manifests.flatMap { Renderer(options: .init(dockerConfigJSON: docker)).rendered($0) }
    }

    static func daemonSet(_ objects: [JSONValue]) throws -> JSONValue {
        try #require(objects.last { $0["kind"] == "DaemonSet" })
    }

    @Test("objects come in apply order", .tags(.small))
    func applyOrder() throws {
        let objects = try Self.render(spec: """
            create_namespace: true
            create_service_account: true
            config_maps: {b-config: "b", a-config: "a"}
            rbac:
              cluster_rules: [{api_groups: [""], resources: [nodes], verbs: [get]}]
              namespace_rules: [{api_groups: [""], resources: [pods], verbs: [get]}]
            """, app: """
            env: {secrets: {TOKEN: {value: t}}}
            """, docker: #"{"auths":{}}"#)
        let kinds = objects.compactMap { $0["kind"]?.stringValue }
        #expect(kinds == ["Namespace", "ConfigMap", "ConfigMap", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                          "Role", "RoleBinding", "Secret", "Secret", "DaemonSet"])
        #expect(objects[1].value(atMemberPath: "metadata.name") == "a-config")
        #expect(objects[8].value(atMemberPath: "metadata.name") == "demo-env-secrets")
        #expect(objects[9].value(atMemberPath: "metadata.name") == "demo-image-pull-secret")
        #expect(objects[4].value(atMemberPath: "metadata.name") == "agents:demo")
    }

    @Test("the selector is unique and pods keep app: daemonset; no service account unless created or named",
          .tags(.small))
    func selectorAndAccount() throws {
        let ds = try Self.daemonSet(Self.render())
        #expect(ds.value(atMemberPath: "spec.selector.matchLabels") == ["planton.ai/name": "demo"])
        #expect(ds.value(atMemberPath: "spec.template.metadata.labels.app") == "daemonset")
        #expect(ds.value(atMemberPath: "spec.template.spec.serviceAccountName") == nil)
        let named = try Self.daemonSet(Self.render(spec: "service_account_name: shared"))
        #expect(named.value(atMemberPath: "spec.template.spec.serviceAccountName") == "shared")
    }

    @Test("int-or-percent values get their type", .tags(.small),
          arguments: [("1", JSONValue.int(1)), ("0", .int(0)), ("10%", .string("10%")), ("100%", .string("100%"))])
    func intOrPercent(text: String, expected: JSONValue) throws {
        let ds = try Self.daemonSet(Self.render(spec: """
            update_strategy: {type: RollingUpdate, rolling_update: {max_unavailable: "\(text)", max_surge: "1"}}
            """))
        #expect(ds.value(atMemberPath: "spec.updateStrategy.rollingUpdate.maxUnavailable") == expected)
    }

    @Test("explicit zeros and false are kept", .tags(.small))
    func explicitZeros() throws {
        let ds = try Self.daemonSet(Self.render(spec: "min_ready_seconds: 0", app: """
            ports: [{name: http, container_port: 80, network_protocol: TCP, host_port: 0}]
            security_context: {run_as_user: 0, privileged: false}
            """))
        let container = try #require(ds.value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.first)
        #expect(ds.value(atMemberPath: "spec.minReadySeconds") == 0)
        #expect(container.value(atMemberPath: "securityContext") == ["runAsUser": 0, "privileged": false])
        #expect(container["ports"] == [["name": "http", "containerPort": 80, "protocol": "TCP", "hostPort": 0]])
    }

    @Test("resource defaults fill each missing quantity, and a default request never exceeds the limit",
          .tags(.small),
          arguments: [
              ("", ["cpu": "1000m", "memory": "1Gi"], ["cpu": "50m", "memory": "100Mi"]),
              ("resources: {limits: {memory: 512Mi}, requests: {cpu: 250m}}",
               ["cpu": "1000m", "memory": "512Mi"], ["cpu": "250m", "memory": "100Mi"]),
              ("resources: {limits: {cpu: 20m, memory: 64Mi}}", ["cpu": "20m", "memory": "64Mi"], ["cpu": "20m", "memory": "64Mi"]),
          ] as [(String, JSONValue, JSONValue)])
    func resourceDefaults(app: String, limits: JSONValue, requests: JSONValue) throws {
        let ds = try Self.daemonSet(Self.render(app: app))
        let container = try #require(ds.value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.first)
        #expect(container.value(atMemberPath: "resources.limits") == limits)
        #expect(container.value(atMemberPath: "resources.requests") == requests)
    }

    @Test("secrets are base64 under data; env lists injected, variables, then secrets, each sorted", .tags(.small))
    func envAndSecret() throws {
        let objects = try Self.render(app: """
            env:
              variables: {B: {value: b}, A: {value: a}}
              secrets: {Z: {value: "z z"}, Y: {secret_ref: {name: other, key: k}}}
            """)
        let secret = try #require(objects.first { $0["kind"] == "Secret" })
        #expect(secret["data"] == ["Z": .string(Data("z z".utf8).base64EncodedString())])
        #expect(secret["stringData"] == nil)
        let container = try #require(Self.daemonSet(objects).value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.first)
        let names = container["env"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["HOSTNAME", "K8S_POD_ID", "K8S_NODE_NAME", "A", "B", "Y", "Z"])
    }

    @Test("strings that YAML 1.1 or 1.2 reads as something else are quoted", .tags(.small),
          arguments: ["true", "off", "y", "1.36", "0644", "9200", "0x1F", "1_000", "1e3", "null", "~", "2024-01-01"])
    func quoting(value: String) throws {
        let yaml = CanonicalYAML.stream(try Self.render(app: "env: {variables: {V: {value: \"\(value)\"}}}"))
        #expect(yaml.contains("value: \"\(value)\"\n") || yaml.contains("value: '\(value)'\n"))
    }

    /// PyYAML, the YAML 1.1 reader of kubernetes-validate (and of many other tools), reads `10:30`
    /// as the base-60 integer 630 and cannot load a plain `=` or `<<` value.
    @Test("base-60 numbers and YAML 1.1 special values are quoted", .tags(.small), arguments: ["10:30", "1:30.5", "=", "<<"])
    func quotingYAML11Specials(value: String) throws {
        let yaml = CanonicalYAML.stream(try Self.render(app: "env: {variables: {V: {value: \"\(value)\"}}}"))
        #expect(yaml.contains("value: \"\(value)\"\n") || yaml.contains("value: '\(value)'\n"))
    }
}
