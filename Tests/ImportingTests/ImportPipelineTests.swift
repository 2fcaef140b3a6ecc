import Foundation
@testable import Importing
import Ledger
import ManifestModel
import ObjectModel
import Rendering
import Testing
import TestSupport

/// A run of versions through one ``ImportPipeline`` decodes each version exactly as a fresh
/// pipeline decodes it alone (the same sealed drafts, or the same error): what the pipeline keeps
/// from the version before can never change a result.
@Suite struct ImportPipelineTests {
    static let key = SecretKey(bytes: Data(repeating: 7, count: 32))!

    /// `text` decoded by a pipeline that has seen nothing before.
    static func fresh(_ text: String, renderer: Renderer = Renderer()) -> DecodedVersion {
        var pipeline = ImportPipeline(renderer: renderer, key: key)
        return pipeline.decode(Data(text.utf8), name: "run.yaml")
    }

    /// One version of a manifest, each field from a small pool (image and secret in block style,
    /// so that changing one is an edit of the version before): random runs change one or
    /// several inputs of each object at a time.
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
                  image:
                    repo: \(repo)
                    tag: "\(image)"
            \(pullSecret.isEmpty ? "" : "        pull_secret_name: \(pullSecret)")
                  env:
                    secrets:
                      TOKEN:
                        value: \(secret)
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

    @Test("random runs of edited examples decode as each version alone")
    func randomRunsMatchFreshPipelines() {
        var random = SplitMix(seed: 0xdec0_de11)
        var pipeline = ImportPipeline(key: Self.key)
        var (versions, invalid) = (0, 0)
        for base in TextEdits.examples {
            for round in 0..<12 {
                var text = base
                _ = pipeline.decode(Data(text.utf8), name: "run.yaml")
                for _ in 0..<6 {
                    text = TextEdits.edited(text, &random, nearValues: round % 3 != 0)
                    let expected = Self.fresh(text)
                    #expect(pipeline.decode(Data(text.utf8), name: "run.yaml") == expected, "version \(versions)")
                    versions += 1
                    if case .invalid = expected { invalid += 1 }
                }
            }
        }
        // Both paths must have been taken often: edited parses, and invalid versions.
        let edits = pipeline.edits
        #expect(edits > versions / 8)
        #expect(invalid > versions / 10)
        #expect(invalid < versions * 9 / 10)
    }

    @Test("a random run of versions decodes as each version alone")
    func randomVersionsMatchFreshPipelines() {
        var generator = SplitMix(seed: 7)
        for docker in [nil, #"{"auths":{}}"#, #"{"auths":{"r":{}}}"#] {
            let renderer = Renderer(options: .init(dockerConfigJSON: docker))
            var pipeline = ImportPipeline(renderer: renderer, key: Self.key)
            for step in 0..<150 {
                let text = Version.random(&generator).text
                #expect(pipeline.decode(Data(text.utf8), name: "run.yaml") == Self.fresh(text, renderer: renderer), "step \(step)")
            }
        }
    }

    @Test("each single change after a version decodes as that version alone")
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
            var pipeline = ImportPipeline(renderer: renderer, key: Self.key)
            var version = Version()
            let before = pipeline.decode(Data(version.text.utf8), name: "run.yaml")
            change(&version)
            let after = pipeline.decode(Data(version.text.utf8), name: "run.yaml")
            #expect(after == Self.fresh(version.text, renderer: renderer) && after != before, "\(label)")
        }
    }

    /// The drafts of a version that is valid.
    static func drafts(_ decoded: DecodedVersion) throws -> [RevisionDraft] {
        guard case .drafts(let drafts) = decoded else { throw DecodeFailure(decoded: decoded) }
        return drafts
    }

    struct DecodeFailure: Error {
        let decoded: DecodedVersion
    }

    @Test("a version that changes only the image tag is an edit and renders the new tag")
    func imageTagChangeRendersTheNewTag() throws {
        var pipeline = ImportPipeline(key: Self.key)
        var version = Version()
        _ = try Self.drafts(pipeline.decode(Data(version.text.utf8), name: "run.yaml"))
        version.image = "1.37"
        let drafts = try Self.drafts(pipeline.decode(Data(version.text.utf8), name: "run.yaml"))
        #expect(pipeline.edits == 1)
        let objects = try #require(drafts.first).objects
        let daemonSet = try #require(objects.first { object in object["kind"]?.stringValue == "DaemonSet" })
        let containers = daemonSet.value(atMemberPath: "spec.template.spec")?["containers"]?.arrayValue ?? []
        let image = containers.first?["image"]?.stringValue
        #expect(image == "docker.io/library/busybox:1.37")
        let tag = try #require(drafts.first).spec.value(atMemberPath: "spec.container.app.image.tag")?.stringValue
        #expect(tag == "1.37")
    }

    @Test("a version that changes a value inside a Secret is an edit and seals the new value")
    func secretValueChangeIsSealedAnew() throws {
        var pipeline = ImportPipeline(key: Self.key)
        var version = Version()
        let before = try Self.drafts(pipeline.decode(Data(version.text.utf8), name: "run.yaml"))
        version.secret = "s3cret"
        let after = try Self.drafts(pipeline.decode(Data(version.text.utf8), name: "run.yaml"))
        #expect(pipeline.edits == 1)
        let secrets = [before, after].map { drafts in drafts.first?.objects.first { object in object["kind"]?.stringValue == "Secret" } }
        #expect(secrets[0] != nil && secrets[0] != secrets[1])
        #expect(after.first?.secretHashes != before.first?.secretHashes)
        #expect(after == (try Self.drafts(Self.fresh(version.text))))
    }
}
