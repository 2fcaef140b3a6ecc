import Foundation
import Ledger
import ObjectModel

/// Objects and keys shared by the Ledger tests.
enum LedgerSamples {
    static let key = SecretKey(bytes: Data(repeating: 7, count: 32))!
    static let otherKey = SecretKey(bytes: Data(repeating: 9, count: 32))!

    static let configMap: JSONValue = [
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": ["name": "agent-config", "namespace": "ops"],
        "data": ["agent.conf": "level = info\n"],
    ]

    /// A v1 Secret with each plaintext value base64-encoded under `data`.
    static func secret(_ values: [String: String], name: String = "agent-env-secrets") -> JSONValue {
        ["apiVersion": "v1", "kind": "Secret", "type": "Opaque",
         "metadata": ["name": .string(name), "namespace": "ops"],
         "data": .object(values.mapValues { .string(Data($0.utf8).base64EncodedString()) })]
    }

    static func daemonSet(image: String = "docker.io/fluent/fluent-bit:3.1", strategy: JSONValue? = nil,
                          initImage: String? = nil, minReadySeconds: Int64? = nil) -> JSONValue {
        var pod: [String: JSONValue] = ["containers": [["name": "app", "image": .string(image)]]]
        if let initImage { pod["initContainers"] = [["name": "setup", "image": .string(initImage)]] }
        var spec: [String: JSONValue] = ["template": ["spec": .object(pod)]]
        if let strategy { spec["updateStrategy"] = strategy }
        if let minReadySeconds { spec["minReadySeconds"] = .int(minReadySeconds) }
        return ["apiVersion": "apps/v1", "kind": "DaemonSet",
                "metadata": ["name": "agent", "namespace": "ops"], "spec": .object(spec)]
    }

    static func metadata(author: String = "ada <ada@example.com>", at seconds: TimeInterval = 1_793_614_443.12)
        -> RevisionMetadata
    {
        RevisionMetadata(action: .render, author: author, message: "first", sourceFile: "agent.yaml",
                         toolVersion: "0.1.0", createdAt: Date(timeIntervalSince1970: seconds))
    }

    /// `spec.container.app.env.secrets.<name>.value` as the decoder reports it.
    static func secretPath(_ name: String) -> FieldPath {
        FieldPath(dotted: "spec.container.app.env.secrets").key(name).field("value")
    }

    static func document(secrets: [String: String]) -> JSONValue {
        ["apiVersion": "kubernetes.project-planton.org/v1", "kind": "KubernetesDaemonSet",
         "metadata": ["name": "agent"],
         "spec": ["container": ["app": ["image": ["repo": "fluent/fluent-bit", "tag": "3.1"],
                                        "env": ["secrets": .object(secrets.mapValues { ["value": .string($0)] })]]]]]
    }
}
