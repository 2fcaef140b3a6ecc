import Foundation
import ManifestModel
import ObjectModel

/// Turns a validated ``Manifest`` into Kubernetes objects.
///
/// Follows Project Planton's Pulumi module except where it is defective; the
/// differences are listed in docs/manifest.md. Output order is fixed: Namespace, ConfigMaps (by
/// name), ServiceAccount, ClusterRole, ClusterRoleBinding, Role, RoleBinding, the env-secrets
/// Secret, the image-pull Secret, the DaemonSet. Pure: the same input always gives equal values.
///
/// ```swift
/// let objects = Renderer(options: .init()).rendered(manifest)
/// print(CanonicalYAML.stream(objects))
/// ```
public struct Renderer: Sendable {
    /// Inputs that are not part of the manifest.
    public struct Options: Sendable, Hashable {
        /// A Docker `config.json` document; when set, an image-pull Secret is rendered from it.
        public var dockerConfigJSON: String?

        public init(dockerConfigJSON: String? = nil) {
            self.dockerConfigJSON = dockerConfigJSON
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The objects of one manifest, in apply order.
    public func rendered(_ manifest: Manifest) -> [JSONValue] {
        let names = ObjectNames(manifest)
        var objects: [JSONValue] = []
        if manifest.spec?.createNamespace?.value == true {
            objects.append(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(names.namespace), "labels": names.labels]])
        }
        let configMaps = (manifest.spec?.configMaps ?? []).sorted { $0.key.value.utf8Precedes($1.key.value) }
        for entry in configMaps {
            objects.append(["apiVersion": "v1", "kind": "ConfigMap", "metadata": names.metadata(entry.key.value),
                            "data": .object([entry.key.value: .string(entry.value.value)])])
        }
        objects += RBACRendering.rendered(RBACRendering.Input(manifest, names: names))
        if let secret = envSecret(manifest, names: names) { objects.append(secret) }
        if let config = options.dockerConfigJSON {
            objects.append(["apiVersion": "v1", "kind": "Secret", "metadata": names.metadata(names.imagePullSecret),
                            "type": "kubernetes.io/dockerconfigjson", "data": [".dockerconfigjson": .string(Self.base64(config))]])
        }
        objects.append(DaemonSetRendering(names: names, options: options).rendered(manifest))
        return objects
    }

    /// The Secret holding the literal env secret values, base64-encoded under `data` as the API
    /// server stores them; `nil` when there are none.
    private func envSecret(_ manifest: Manifest, names: ObjectNames) -> JSONValue? {
        var data: [String: JSONValue] = [:]
        for secret in manifest.spec?.container?.app?.env?.secrets ?? [] where secret.value.secretRef == nil {
            if let value = secret.value.value { data[secret.name.value] = .string(Self.base64(value.value)) }
        }
        guard !data.isEmpty else { return nil }
        return ["apiVersion": "v1", "kind": "Secret", "metadata": names.metadata(names.envSecret),
                "type": "Opaque", "data": .object(data)]
    }

    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
