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

            let empty = try api.kubectl("get", "ns")
            #expect(empty.status == 0, "\(empty.stderr)")
            #expect(empty.stderr.contains("No resources found"))

            let folder = (api.kubeconfigPath as NSString).deletingLastPathComponent
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
