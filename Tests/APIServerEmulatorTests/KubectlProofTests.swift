import EmulatorTestSupport
import APIServerEmulator
import Foundation
import ObjectModel
import Testing

/// kubectl, the independent client, against the emulator through the kubeconfig it wrote.
@Suite(.serialized) struct KubectlProofTests {
    static let kubectlPresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl")

    static let manifests = """
    apiVersion: v1
    kind: Namespace
    metadata:
      name: monitoring
    ---
    apiVersion: v1
    kind: Secret
    metadata:
      name: exporter-config
      namespace: monitoring
    stringData:
      token: abc
    ---
    apiVersion: apps/v1
    kind: DaemonSet
    metadata:
      name: node-exporter
      namespace: monitoring
      labels:
        app.kubernetes.io/name: node-exporter
    spec:
      selector:
        matchLabels:
          app.kubernetes.io/name: node-exporter
      template:
        metadata:
          labels:
            app.kubernetes.io/name: node-exporter
        spec:
          containers:
          - name: node-exporter
            image: quay.io/prometheus/node-exporter:v1.8.2
            ports:
            - containerPort: 9100
              name: metrics

    """

    @Test(.enabled(if: kubectlPresent, "/usr/bin/kubectl is absent; the kubectl proof needs it"))
    func kubectlDrivesTheEmulator() async throws {
        try await withAPIServer(version: "1.31") { api in
            let version = try api.kubectl("version", "-o", "json")
            #expect(version.status == 0, "\(version.stderr)")
            #expect(String(decoding: version.stdout, as: UTF8.self).contains("\"gitVersion\": \"v1.31.0\""))

            let system = try api.kubectl("get", "ns", "-o", "name")
            #expect(system.status == 0, "\(system.stderr)")
            #expect(String(decoding: system.stdout, as: UTF8.self)
                == "namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n")
            let empty = try api.kubectl("get", "ds", "-A")
            #expect(empty.status == 0, "\(empty.stderr)")
            #expect(empty.stderr.contains("No resources found"))

            let folder = api.folder
            let file = folder + "/objects.yaml"
            try Self.manifests.write(toFile: file, atomically: true, encoding: .utf8)
            let applied = try api.kubectl("apply", "--server-side", "-f", file)
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(String(decoding: applied.stdout, as: UTF8.self) == """
            namespace/monitoring serverside-applied
            secret/exporter-config serverside-applied
            daemonset.apps/node-exporter serverside-applied

            """)

            let got = try api.kubectl("get", "daemonset", "node-exporter", "-n", "monitoring", "-o", "json", "--show-managed-fields")
            #expect(got.status == 0, "\(got.stderr)")
            let live = try JSONValue(parsingJSON: String(decoding: got.stdout, as: UTF8.self))
            #expect(live.value(atMemberPath: "spec.revisionHistoryLimit") == 10)
            #expect(live.value(atMemberPath: "spec.template.spec.dnsPolicy") == "ClusterFirst")
            let entry = live["metadata"]?["managedFields"]?.arrayValue?.first
            #expect(entry?["manager"] == "kubectl")
            #expect(entry?["operation"] == "Apply")
            let secret = api.server.storedObject(apiVersion: "v1", kind: "Secret", namespace: "monitoring", name: "exporter-config")
            #expect(secret?["data"]?["token"] == "YWJj")
            #expect(secret?["type"] == "Opaque")

            let patched = try api.kubectl("patch", "daemonset", "node-exporter", "-n", "monitoring", "--type", "merge",
                                          "-p", #"{"metadata":{"labels":{"tier":"node"}}}"#)
            #expect(patched.status == 0, "\(patched.stderr)")
            #expect(String(decoding: patched.stdout, as: UTF8.self) == "daemonset.apps/node-exporter patched\n")

            var replacement = live
            replacement["metadata"]?["managedFields"] = nil
            replacement["metadata"]?["resourceVersion"] = nil
            replacement["spec"]?["template"]?["spec"]?["containers"] = [[
                "name": "node-exporter", "image": "quay.io/prometheus/node-exporter:v1.9.0",
            ]]
            let replaceFile = folder + "/replace.json"
            try CanonicalJSON.pretty(replacement).write(toFile: replaceFile, atomically: true, encoding: .utf8)
            let replaced = try api.kubectl("replace", "-f", replaceFile)
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(String(decoding: replaced.stdout, as: UTF8.self) == "daemonset.apps/node-exporter replaced\n")
            let stored = api.server.storedObject(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "monitoring", name: "node-exporter")
            #expect(stored?["metadata"]?["generation"] == 2)
            #expect(stored?["metadata"]?["labels"]?["tier"] == nil)
            let managers = stored?["metadata"]?["managedFields"]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
            #expect(managers.contains("kubectl-replace"))

            let deleted = try api.kubectl("delete", "daemonset", "node-exporter", "-n", "monitoring")
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(String(decoding: deleted.stdout, as: UTF8.self) == "daemonset.apps \"node-exporter\" deleted\n")
            #expect(api.server.storedObject(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "monitoring", name: "node-exporter") == nil)

            let missing = try api.kubectl("get", "daemonset", "node-exporter", "-n", "monitoring")
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("daemonsets.apps \"node-exporter\" not found"))
        }
    }

    static let twoContainers = """
    apiVersion: v1
    kind: Namespace
    metadata:
      name: agents
    ---
    apiVersion: v1
    kind: Secret
    metadata:
      name: agent-token
      namespace: agents
    stringData:
      token: abc
    ---
    apiVersion: apps/v1
    kind: DaemonSet
    metadata:
      name: agent
      namespace: agents
    spec:
      selector:
        matchLabels: {app: agent}
      template:
        metadata:
          labels: {app: agent}
        spec:
          containers:
          - name: app
            image: x:1
          - name: sidecar
            image: s:1

    """

    func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test(.enabled(if: kubectlPresent, "/usr/bin/kubectl is absent; the kubectl proof needs it"))
    func kubectlSeesTheControllerAndStrategicPatches() async throws {
        try await withAPIServer(version: "1.31", nodes: 3) { api in
            let file = api.folder + "/agent.yaml"
            try Self.twoContainers.write(toFile: file, atomically: true, encoding: .utf8)
            let created = try api.kubectl("create", "-f", file)
            #expect(created.status == 0, "\(created.stderr)")

            let table = try api.kubectl("get", "ds", "-n", "agents")
            #expect(table.status == 0, "\(table.stderr)")
            let lines = text(table.stdout).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(lines.first == ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE", "SELECTOR", "AGE"])
            #expect(lines.dropFirst().first?.prefix(7) == ["agent", "3", "3", "3", "3", "3", "<none>"])
            let nodes = try api.kubectl("get", "nodes", "-o", "name")
            #expect(text(nodes.stdout) == "node/node-1\nnode/node-2\nnode/node-3\n")

            let patched = try api.kubectl("patch", "ds", "agent", "-n", "agents",
                                          "-p", #"{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"x:2"}]}}}}"#)
            #expect(patched.status == 0, "\(patched.stderr)")
            #expect(text(patched.stdout) == "daemonset.apps/agent patched\n")
            let patchRequest = api.requests.last { $0.method == "PATCH" }
            #expect(patchRequest?.headers["content-type"] == "application/strategic-merge-patch+json")
            var stored = api.server.storedObject(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "agents", name: "agent")
            let images = stored?.value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.map { $0["image"] }
            #expect(images == ["x:2", "s:1"])
            let entries = stored?["metadata"]?["managedFields"]?.arrayValue ?? []
            #expect(entries.contains { $0["manager"] == "kubectl-patch" && $0["operation"] == "Update" })
            #expect(entries.contains { $0["manager"] == "kube-controller-manager" && $0["subresource"] == "status" })
            let revisions = try api.kubectl("get", "controllerrevisions", "-n", "agents", "-o", "json")
            let items = try JSONValue(parsingJSON: text(revisions.stdout))["items"]?.arrayValue ?? []
            #expect(items.compactMap { $0["revision"]?.intValue }.sorted() == [1, 2])

            let setImage = try api.kubectl("set", "image", "ds/agent", "-n", "agents", "sidecar=s:2")
            #expect(setImage.status == 0, "\(setImage.stderr)")
            #expect(text(setImage.stdout) == "daemonset.apps/agent image updated\n")
            stored = api.server.storedObject(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "agents", name: "agent")
            #expect(stored?.value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.map { $0["image"] } == ["x:2", "s:2"])
            #expect(stored?["metadata"]?["generation"] == 3)
            #expect(stored?.value(atMemberPath: "status.observedGeneration") == 3)

            let badSelector = try api.kubectl("get", "ds", "-n", "agents", "--field-selector", "spec.nodeName=node-1")
            #expect(badSelector.status != 0)
            #expect(badSelector.stderr.contains("field label not supported: spec.nodeName"))

            for (kind, name, printed) in [("ds", "agent", "daemonset.apps \"agent\" deleted\n"),
                                          ("secret", "agent-token", "secret \"agent-token\" deleted\n")] {
                let deleted = try api.kubectl("delete", kind, name, "-n", "agents")
                #expect(deleted.status == 0, "\(deleted.stderr)")
                #expect(text(deleted.stdout) == printed)
            }
            #expect(api.server.storedObject(apiVersion: "v1", kind: "Secret", namespace: "agents", name: "agent-token") == nil)
            let leftover = try api.kubectl("get", "controllerrevisions", "-n", "agents", "-o", "name")
            #expect(text(leftover.stdout).isEmpty)
            let namespace = try api.kubectl("delete", "namespace", "agents", "--wait=false")
            #expect(namespace.status == 0, "\(namespace.stderr)")
            #expect(text(namespace.stdout) == "namespace \"agents\" deleted\n")
            #expect(api.server.storedObject(apiVersion: "v1", kind: "Namespace", name: "agents") == nil)
        }
    }

    @Test(.enabled(if: kubectlPresent, "/usr/bin/kubectl is absent; the kubectl proof needs it"))
    func clientCertificateContextAuthenticatesAndBadTokenIsRefused() async throws {
        try await withAPIServer { api in
            let viaCertificate = try api.kubectl("--context", Kubeconfig.certificateContext, "get", "--raw", "/api/v1/namespaces")
            #expect(viaCertificate.status == 0, "\(viaCertificate.stderr)")
            let refused = try api.kubectl("--token", "wrong", "get", "--raw", "/api/v1/namespaces")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("Unauthorized"))
            #expect(api.requests.contains { $0.responseStatus == 401 })
        }
    }
}
