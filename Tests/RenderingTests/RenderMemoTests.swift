import Foundation
import ManifestModel
import ObjectModel
import Rendering
import Testing
import TestSupport

/// `RenderMemo` hands back the objects it made before only when their inputs are unchanged: a
/// run of versions renders equal objects with or without it, and shares the unchanged ones.
@Suite struct RenderMemoTests {
    /// One version of a manifest, each field from a small pool, so that random runs change one
    /// or several inputs of every memoized part at a time.
    struct Version {
        var name = "demo", namespace = "agents", id = "", createNamespace = true, createServiceAccount = true
        var serviceAccountName = "", config = "level = info", configKey = "fluent-bit.conf", extraConfig = false
        var verbs = "[get, list]", resourceNames = "", namespaceRules = true, image = "1.36", secret = "t0ken"
        var repo = "docker.io/library/busybox", pullSecret = "", hostNetwork = false, args = "[--verbose]"

        var text: String {
            """
            apiVersion: kubernetes.project-planton.org/v1
            kind: KubernetesDaemonSet
            metadata: {name: \(name)\(id.isEmpty ? "" : ", id: \(id)")}
            spec:
              namespace: {value: \(namespace)}
              create_namespace: \(createNamespace)
              create_service_account: \(createServiceAccount)
            \(serviceAccountName.isEmpty ? "" : "  service_account_name: \(serviceAccountName)")
              config_maps: {\(configKey): "\(config)"\(extraConfig ? ", extra.conf: x" : "")}
            \(createServiceAccount ? rbac : "")
              container:
                app:
                  image: {repo: \(repo), tag: "\(image)"\(pullSecret.isEmpty ? "" : ", pull_secret_name: \(pullSecret)")}
                  env: {secrets: {TOKEN: {value: \(secret)}}}
                  args: \(args)
              host_network: \(hostNetwork)
            """
        }

        /// Rules only with a ServiceAccount to bind them to, as validation requires.
        var rbac: String {
            """
              rbac:
                cluster_rules: [{api_groups: [""], resources: [nodes], verbs: \(verbs)\(resourceNames.isEmpty ? "" : ", resource_names: [\(resourceNames)]")}]
            \(namespaceRules ? "    namespace_rules: [{api_groups: [\"\"], resources: [pods], verbs: [get]}]" : "")
            """
        }

        static func random(_ generator: inout some RandomNumberGenerator) -> Version {
            var version = Version()
            version.name = ["demo", "agent"].randomElement(using: &generator)!
            version.namespace = ["agents", "ops"].randomElement(using: &generator)!
            version.id = ["", "dsd-1", "dsd-2"].randomElement(using: &generator)!
            version.createNamespace = Bool.random(using: &generator)
            version.createServiceAccount = Bool.random(using: &generator)
            version.serviceAccountName = ["", "collector"].randomElement(using: &generator)!
            version.config = ["level = info", "level = debug"].randomElement(using: &generator)!
            version.configKey = ["fluent-bit.conf", "agent.conf"].randomElement(using: &generator)!
            version.extraConfig = Bool.random(using: &generator)
            version.verbs = ["[get, list]", "[get]"].randomElement(using: &generator)!
            version.resourceNames = ["", "node-a"].randomElement(using: &generator)!
            version.namespaceRules = Bool.random(using: &generator)
            version.image = ["1.36", "1.37"].randomElement(using: &generator)!
            version.secret = ["t0ken", "s3cret"].randomElement(using: &generator)!
            version.repo = ["docker.io/library/busybox", "quay.io/busybox"].randomElement(using: &generator)!
            version.pullSecret = ["", "regcred"].randomElement(using: &generator)!
            version.hostNetwork = Bool.random(using: &generator)
            version.args = ["[--verbose]", "[--quiet]"].randomElement(using: &generator)!
            return version
        }
    }

    static func manifest(_ version: Version) throws -> Manifest {
        try #require(try ManifestReader.read(version.text, file: "memo.yaml").first)
    }

    @Test("a random run renders the same objects with a memo as without", .tags(.small))
    func randomRunsRenderEqualObjects() throws {
        var generator = SplitMix(seed: 7)
        for docker in [nil, #"{"auths":{}}"#, #"{"auths":{"r":{}}}"#] {
            let renderer = Renderer(options: .init(dockerConfigJSON: docker))
            let memo = RenderMemo()
            for step in 0..<150 {
                let manifest = try Self.manifest(.random(&generator))
                #expect(renderer.rendered(manifest, memo: memo) == renderer.rendered(manifest), "step \(step)")
            }
        }
    }

    @Test("each single change gives the objects a fresh render gives", .tags(.small))
    func everySingleChangeIsSeen() throws {
        let changes: [(String, (inout Version) -> Void)] = [
            ("name", { $0.name = "agent" }), ("namespace", { $0.namespace = "ops" }), ("id label", { $0.id = "dsd-9" }),
            ("no namespace", { $0.createNamespace = false }), ("no service account", { $0.createServiceAccount = false }),
            ("service account name", { $0.serviceAccountName = "collector" }), ("config value", { $0.config = "level = debug" }),
            ("config key", { $0.configKey = "agent.conf" }), ("another config map", { $0.extraConfig = true }),
            ("verbs", { $0.verbs = "[get]" }), ("resource names", { $0.resourceNames = "node-a" }),
            ("no namespace rules", { $0.namespaceRules = false }), ("secret", { $0.secret = "s3cret" }),
            ("image tag", { $0.image = "1.37" }), ("image repository", { $0.repo = "quay.io/busybox" }),
            ("pull secret name", { $0.pullSecret = "regcred" }), ("host network", { $0.hostNetwork = true }),
            ("args", { $0.args = "[--quiet]" }),
        ]
        let renderer = Renderer(options: .init(dockerConfigJSON: #"{"auths":{}}"#))
        for (label, change) in changes {
            let memo = RenderMemo()
            var version = Version()
            _ = renderer.rendered(try Self.manifest(version), memo: memo)
            change(&version)
            let manifest = try Self.manifest(version)
            #expect(renderer.rendered(manifest, memo: memo) == renderer.rendered(manifest), "\(label)")
        }
    }

    @Test("an image-only change shares every object but the DaemonSet and the sealed Secret", .tags(.small))
    func unchangedObjectsShareStorage() throws {
        let renderer = Renderer(options: .init(dockerConfigJSON: #"{"auths":{}}"#))
        let memo = RenderMemo()
        var version = Version()
        let before = renderer.rendered(try Self.manifest(version), memo: memo)
        version.image = "1.37"
        let after = renderer.rendered(try Self.manifest(version), memo: memo)
        let shared = zip(before, after).map { $0.sharesStorage(with: $1) }
        let kinds = after.map { $0["kind"]?.stringValue ?? "" }
        #expect(kinds == ["Namespace", "ConfigMap", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
                          "Secret", "Secret", "DaemonSet"])
        // The env Secret is made again (the recorder seals it anyway); the image-pull one is kept.
        #expect(shared == [true, true, true, true, true, true, true, false, true, false])
        version.config = "level = debug"
        let third = renderer.rendered(try Self.manifest(version), memo: memo)
        #expect(!third[1].sharesStorage(with: after[1]) && third[1] != after[1])
        #expect(third[2].sharesStorage(with: after[2]))
    }
}
