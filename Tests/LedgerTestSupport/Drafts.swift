import Foundation
import Ledger
import ObjectModel

/// Sealed drafts built the way `render` builds them.
public enum Drafts {
    public static let release = ReleaseID(namespace: "ops", name: "agent")
    public static let key = SecretKey(bytes: Data(repeating: 7, count: 32))!

    public static func configMap(_ config: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "agent-config", "namespace": "ops"],
         "data": ["agent.conf": .string(config)]]
    }

    public static func secret(_ values: [String: String]) -> JSONValue {
        ["apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": ["name": "agent-env-secrets", "namespace": "ops"],
         "data": .object(values.mapValues { .string(Data($0.utf8).base64EncodedString()) })]
    }

    public static func daemonSet(_ release: ReleaseID, image: String) -> JSONValue {
        ["apiVersion": "apps/v1", "kind": "DaemonSet",
         "metadata": ["name": .string(release.name), "namespace": .string(release.namespace)],
         "spec": ["updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "10%"]],
                  "template": ["spec": ["containers": [["name": "app", "image": .string(image)]]]]]]
    }

    public static func secretPath(_ name: String) -> FieldPath {
        FieldPath(dotted: "spec.container.app.env.secrets").key(name).field("value")
    }

    public static func draft(_ release: ReleaseID = release, image: String = "fluent-bit:3.1", config: String = "level = info",
                      secrets: [String: String] = ["TOKEN": "t0ken"], author: String = "ada <ada@example.com>",
                      message: String? = "change", restoredFrom: Int? = nil, at seconds: TimeInterval = 1_793_614_443.12)
        -> RevisionDraft
    {
        let document: JSONValue = [
            "apiVersion": "kubernetes.project-planton.org/v1", "kind": "KubernetesDaemonSet",
            "metadata": ["name": .string(release.name)],
            "spec": ["namespace": ["value": .string(release.namespace)],
                     "container": ["app": ["image": ["repo": "fluent-bit", "tag": .string(image)],
                                           "env": ["secrets": .object(secrets.mapValues { ["value": .string($0)] })]]]],
        ]
        var objects = [configMap(config)]
        if !secrets.isEmpty { objects.append(secret(secrets)) }
        objects.append(daemonSet(release, image: image))
        let metadata = RevisionMetadata(action: restoredFrom == nil ? .render : .rollback, author: author, message: message,
                                        sourceFile: "agent.yaml", toolVersion: "0.1.0",
                                        createdAt: Date(timeIntervalSince1970: seconds), restoredFrom: restoredFrom)
        return RevisionDraft.sealing(release: release, document: document, secretPaths: secrets.keys.sorted().map(secretPath),
                                     objects: objects, metadata: metadata, key: key)
    }
}
