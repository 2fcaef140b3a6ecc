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
    ///
    /// - Parameter memo: what the previous call made, for a run of versions: objects whose
    ///   inputs did not change are returned as the same values (see ``RenderMemo``). The result
    ///   is equal with or without it.
    public func rendered(_ manifest: Manifest, memo: RenderMemo? = nil) -> [JSONValue] {
        let names = ObjectNames(manifest)
        var objects: [JSONValue] = []
        if manifest.spec?.createNamespace?.value == true {
            objects += memo.objects(.namespace, for: names, Self.namespace)
        }
        let configMaps = (manifest.spec?.configMaps ?? []).sorted { $0.key.value.utf8Precedes($1.key.value) }
        objects += memo.objects(.configMaps, for: ConfigMapsInput(names: names, entries: configMaps.map { .init(key: $0.key.value, value: $0.value.value) }),
                                Self.configMaps)
        objects += memo.objects(.rbac, for: RBACRendering.Input(manifest, names: names), RBACRendering.rendered)
        if let secret = envSecret(manifest, names: names) { objects.append(secret) }
        if let config = options.dockerConfigJSON {
            objects += memo.objects(.imagePullSecret, for: PullSecretInput(names: names, config: config), Self.imagePullSecret)
        }
        let daemonSet = memo.objects(.daemonSet, for: DaemonSetRendering.Input(manifest, names: names, options: options)) {
            [DaemonSetRendering.rendered($0)]
        }
        objects += daemonSet.map { DaemonSetRendering.withImage($0, manifest.spec?.container?.app?.image) }
        return objects
    }

    private struct ConfigMapsInput: Equatable {
        let names: ObjectNames
        /// Each ConfigMap's name (also its one data key) and value, by name.
        let entries: [Entry]

        struct Entry: Equatable {
            let key, value: String
        }
    }

    private struct PullSecretInput: Equatable {
        let names: ObjectNames
        let config: String
    }

    private static func namespace(_ names: ObjectNames) -> [JSONValue] {
        [["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(names.namespace), "labels": names.labels]]]
    }

    private static func configMaps(_ input: ConfigMapsInput) -> [JSONValue] {
        input.entries.map { entry in
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": input.names.metadata(entry.key), "data": .object([entry.key: .string(entry.value)])]
        }
    }

    private static func imagePullSecret(_ input: PullSecretInput) -> [JSONValue] {
        [["apiVersion": "v1", "kind": "Secret", "metadata": input.names.metadata(input.names.imagePullSecret),
          "type": "kubernetes.io/dockerconfigjson", "data": [".dockerconfigjson": .string(base64(input.config))]]]
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
