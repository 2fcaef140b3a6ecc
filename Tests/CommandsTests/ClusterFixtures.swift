import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// A manifest with a literal secret, a ConfigMap and a created namespace, for cluster tests.
enum AgentManifest {
    static func yaml(tag: String = "1.0", token: String = "s3cret-one", config: String? = "level = info",
                     maxUnavailable: String = "1") -> String {
        var text = """
            apiVersion: kubernetes.project-planton.org/v1
            kind: KubernetesDaemonSet
            metadata:
              name: agent
            spec:
              namespace:
                value: ops
              create_namespace: true
              container:
                app:
                  image:
                    repo: registry.example.com/agent
                    tag: "\(tag)"
                  env:
                    secrets:
                      TOKEN:
                        value: \(token)
              update_strategy:
                type: RollingUpdate
                rolling_update:
                  max_unavailable: "\(maxUnavailable)"

            """
        if let config {
            text += """
                  config_maps:
                    agent-config: "\(config)"

                """
        }
        return text
    }
}

/// A CLI harness pointed at a running emulator through its kubeconfig, with its own ledger.
func clusterHarness(_ running: RunningAPIServer) -> CLIHarness {
    var cli = CLIHarness()
    cli.environment["KUBECONFIG"] = running.kubeconfigPath
    cli.environment["HOME"] = (running.kubeconfigPath as NSString).deletingLastPathComponent
    return cli
}

extension RunningAPIServer {
    /// The stored DaemonSet `ops/agent`.
    var agent: JSONValue? { server.storedObject(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "ops", name: "agent") }

    /// The first container's image of the stored `ops/agent` DaemonSet.
    var agentImage: String? {
        agent?.value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.first?["image"]?.stringValue
    }

    /// An annotation on the stored `ops/agent` DaemonSet's own metadata.
    func agentAnnotation(_ key: String) -> String? {
        agent?.value(atMemberPath: "metadata.annotations")?[key]?.stringValue
    }
}

extension CLIHarness {
    /// Writes a manifest to a file of the harness's temporary folder and returns its path.
    func manifest(_ text: String, named name: String = "agent.yaml") throws -> String {
        let folder = (database as NSString).deletingLastPathComponent
        let path = (folder as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

extension RunningAPIServer {
    /// Creates a namespace with a plain JSON POST through curl (kubectl here dispatches to the
    /// server's version; from 1.33 `kubectl create` speaks protobuf, which the emulator does not,
    /// and old versions of `kubectl apply` want OpenAPI v2).
    func createNamespace(_ name: String) throws {
        let result = try curl("-X", "POST", "-H", "Content-Type: application/json", "--data",
                              #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#, url + "/api/v1/namespaces")
        #expect(String(decoding: result.stdout, as: UTF8.self).contains("201 Created"), "\(result.stderr)")
    }
}
