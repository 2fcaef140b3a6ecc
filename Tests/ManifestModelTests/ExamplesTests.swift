import Foundation
import ManifestModel
import Testing

/// Every manifest in `examples/` reads without issues, and decodes to what it says.
@Suite struct ExamplesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static func example(_ name: String) throws -> Manifest {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try ManifestText.read(text, file: name)
    }

    @Test func findsEveryExample() {
        // Five use cases, plus flannel with dsledger's extensions.
        #expect(Self.names.count == 6)
    }

    @Test func readsTheExtensionsOfTheHostNetworkExample() throws {
        let spec = try #require(try Self.example("daemonset-network-plugin-flannel-host-network.yaml").spec)
        #expect(spec.hostNetwork?.value == true)
        #expect(spec.priorityClassName?.value == "system-node-critical")
        #expect(spec.terminationGracePeriodSeconds?.value == 30)
        #expect(spec.initContainers.map { $0.name?.value } == ["install-cni-plugin", "install-cni"])
        #expect(spec.initContainers[1].volumeMounts.compactMap { $0.name?.value } == ["cni", "net-conf"])
    }

    @Test(arguments: names)
    func readsEachExampleWithoutIssues(_ name: String) throws {
        let manifest = try Self.example(name)
        #expect(manifest.apiVersion?.value == Manifest.apiVersion)
        #expect(manifest.kind?.value == Manifest.kind)
        #expect(!manifest.name.isEmpty)
    }

    @Test func decodesTheCamelCaseLocalVolumeProvisioner() throws {
        let manifest = try Self.example("daemonset-storage-local-volume-provisioner.yaml")
        let spec = try #require(manifest.spec)
        #expect(manifest.origin.prefersCamelCase)
        #expect(manifest.name == "local-volume-provisioner")
        #expect(manifest.namespace == "local-storage")
        #expect(spec.createNamespace?.value == true)
        #expect(spec.createServiceAccount?.value == true)
        #expect(spec.serviceAccountName?.value == "local-volume-provisioner")
        #expect(spec.rbac?.clusterRules.count == 4)
        #expect(spec.rbac?.clusterRules.last?.apiGroups.map(\.value) == ["", "events.k8s.io"])
        #expect(spec.configMaps.map(\.key.value) == ["local-provisioner-config"])
        #expect(spec.nodeSelector.first?.value.value == "true")
        #expect(spec.tolerations.first?.operator?.value == "Equal")
        #expect(spec.updateStrategy?.type?.value == "OnDelete")
        let app = try #require(spec.container?.app)
        #expect(app.ports.first?.containerPort?.value == 8080)
        #expect(app.ports.first?.containerPort?.path.description == "spec.container.app.ports[0].containerPort")
        #expect(app.volumeMounts.map { $0.name?.value } == ["provisioner-config", "host-dev", "fast-disks"])
        #expect(app.volumeMounts[0].configMap?.path?.value == "storageClassMap")
        #expect(app.volumeMounts[0].readOnly?.value == true)
        #expect(app.volumeMounts[1].hostPath?.type?.value == "Directory")
        #expect(app.securityContext?.privileged?.value == true)
        #expect(app.env?.variables.map(\.name.value) == ["MY_NODE_NAME", "MY_NAMESPACE", "JOB_CONTAINER_IMAGE"])
    }

    @Test func decodesTheFluentBitSecretReferenceAndProbes() throws {
        let manifest = try Self.example("daemonset-log-collector-fluent-bit.yaml")
        let app = try #require(manifest.spec?.container?.app)
        let secret = try #require(app.env?.secrets.first)
        #expect(secret.name.value == "ES_PASSWORD")
        #expect(secret.value.value == nil)
        #expect(secret.value.secretRef?.name?.value == "fluent-bit-es-credentials")
        #expect(secret.value.secretRef?.key?.value == "password")
        #expect(app.livenessProbe?.httpGet?.portName?.value == "http")
        #expect(app.readinessProbe?.httpGet?.path?.value == "/api/v1/health")
        #expect(manifest.spec?.tolerations.first?.key == nil)
        #expect(manifest.spec?.updateStrategy?.rollingUpdate?.maxUnavailable?.value == "10%")
        #expect(manifest.spec?.targetCluster?.clusterKind?.value == "GcpGkeCluster")
        #expect(manifest.metadata?.labels.first?.key.value == "project-planton.org/provisioner")
        // Block scalars keep their text, the first line included.
        #expect(manifest.spec?.configMaps.first?.value.value.hasPrefix("[SERVICE]\n") == true)
    }

    @Test func decodesTheNodeExporterSecurityContextAndHostPort() throws {
        let manifest = try Self.example("daemonset-node-monitoring-node-exporter.yaml")
        let app = try #require(manifest.spec?.container?.app)
        #expect(manifest.spec?.createNamespace?.value == false)
        #expect(app.ports.first?.hostPort?.value == 9100)
        #expect(app.readinessProbe?.httpGet?.portNumber?.value == 9100)
        #expect(app.readinessProbe?.successThreshold?.value == 1)
        #expect(app.securityContext?.runAsUser?.value == 65534)
        #expect(app.securityContext?.runAsNonRoot?.value == true)
        #expect(app.securityContext?.capabilities?.drop.map(\.value) == ["ALL"])
        #expect(app.volumeMounts.map { $0.hostPath?.path?.value } == ["/proc", "/sys", "/"])
    }

    @Test func decodesTheFalcoPullSecretAndCapabilities() throws {
        let manifest = try Self.example("daemonset-security-agent-falco.yaml")
        let app = try #require(manifest.spec?.container?.app)
        #expect(app.image?.tag?.value == "0.39.2")
        #expect(app.image?.pullSecretName?.value == "dockerhub-pull")
        #expect(app.resources?.limits?.cpu?.value == "1")
        #expect(app.securityContext?.privileged == nil)
        #expect(app.securityContext?.capabilities?.add.map(\.value) == ["BPF", "PERFMON", "SYS_RESOURCE", "SYS_PTRACE"])
        #expect(app.volumeMounts[2].hostPath?.type?.value == "Socket")
        #expect(manifest.spec?.minReadySeconds?.value == 30)
    }

    @Test func decodesTheFlannelCommandAndTolerations() throws {
        let manifest = try Self.example("daemonset-network-plugin-flannel.yaml")
        let app = try #require(manifest.spec?.container?.app)
        #expect(app.command.map(\.value) == ["/opt/bin/flanneld"])
        #expect(app.args.map(\.value) == ["--ip-masq", "--kube-subnet-mgr"])
        #expect(app.env?.variables.first { $0.name.value == "EVENT_QUEUE_DEPTH" }?.value.value?.value == "5000")
        #expect(manifest.spec?.tolerations.map { $0.effect?.value } == ["NoSchedule", "NoExecute"])
        #expect(app.volumeMounts[1].hostPath?.type?.value == "FileOrCreate")
        #expect(manifest.spec?.rbac?.clusterRules.count == 3)
    }
}
