import ManifestModel
import Testing

/// The reading rules of Kubernetes' behaviour: key spellings, unknown and duplicate keys, YAML 1.1
/// scalars, typing of strings, integers and booleans, and null as absent.
@Suite struct ReadingRulesTests {
    @Test func acceptsBothSpellingsMixedInOneDocument() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(spec: """
            create_namespace: true
            minReadySeconds: 15
            updateStrategy:
              type: RollingUpdate
              rolling_update:
                maxUnavailable: "10%"
            """))
        #expect(manifest.spec?.createNamespace?.value == true)
        #expect(manifest.spec?.minReadySeconds?.value == 15)
        #expect(manifest.spec?.updateStrategy?.rollingUpdate?.maxUnavailable?.value == "10%")
        #expect(manifest.spec?.minReadySeconds?.path.description == "spec.minReadySeconds")
        #expect(manifest.spec?.updateStrategy?.rollingUpdate?.maxUnavailable?.path.description
            == "spec.updateStrategy.rolling_update.maxUnavailable")
    }

    @Test func readsADocumentWrittenOnlyInCamelCase() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(
            spec: "createServiceAccount: true\nserviceAccountName: agent\nnodeSelector:\n  kubernetes.io/os: linux\n",
            app: "volumeMounts:\n  - name: logs\n    mountPath: /var/log\n    readOnly: true\n    hostPath: {path: /var/log}\n"))
        let mount = try #require(manifest.spec?.container?.app?.volumeMounts.first)
        #expect(mount.readOnly?.value == true)
        #expect(mount.hostPath?.path?.value == "/var/log")
        #expect(mount.mountPath?.path.description == "spec.container.app.volumeMounts[0].mountPath")
        #expect(manifest.spec?.serviceAccountName?.value == "agent")
        #expect(manifest.spec?.nodeSelector.first?.value.value == "linux")
    }

    @Test func rejectsTheSameFieldUnderBothSpellings() {
        #expect(ManifestText.errors(ManifestText.manifest(spec: "min_ready_seconds: 5\nminReadySeconds: 5")) == [
            "test.yaml:15:3: error: spec.minReadySeconds: field given twice, as 'min_ready_seconds' at 14:3 and as 'minReadySeconds'; keep one spelling",
        ])
    }

    @Test func suggestsTheClosestFieldInTheSpellingTyped() {
        #expect(ManifestText.errors(ManifestText.manifest(spec: "nodeSelectr: {}\nnode_selectr: {}")) == [
            "test.yaml:14:3: error: spec.nodeSelectr: unknown field 'nodeSelectr'; did you mean 'nodeSelector'?",
            "test.yaml:15:3: error: spec.node_selectr: unknown field 'node_selectr'; did you mean 'node_selector'?",
        ])
    }

    @Test func listsTheKnownFieldsWhenNothingIsClose() {
        let text = ManifestText.manifest(app: "resources:\n  limits: {cpu: 1m}\n  burst: {}")
        #expect(ManifestText.errors(text) == [
            "test.yaml:15:9: error: spec.container.app.resources.burst: unknown field 'burst'; known fields: 'limits', 'requests'",
        ])
    }

    @Test func readsAYAML11OctalFileModeAsItsValue() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(
            app: "volume_mounts:\n  - name: conf\n    mount_path: /etc/agent\n    config_map: {name: agent, default_mode: 0644}"))
        #expect(manifest.spec?.container?.app?.volumeMounts.first?.configMap?.defaultMode?.value == 420)
    }

    @Test func readsAQuotedFileModeInDecimalAsProtojsonDoes() {
        let text = ManifestText.manifest(
            app: "volume_mounts:\n  - name: conf\n    mount_path: /etc/agent\n    config_map: {name: agent, default_mode: \"0644\"}")
        #expect(ManifestText.errors(text) == [
            "test.yaml:16:51: error: spec.container.app.volume_mounts[0].config_map.default_mode: invalid value 644; use a file mode from 0000 to 0777 (decimal 0 to 511)",
        ])
    }

    @Test(arguments: [("\"30\"", 30), ("30", 30), ("0", 0), ("\"-2\"", -2), ("+7", 7), ("1e1", 10), ("0x1F", 31)])
    func readsIntegersFromNumbersAndNumericStrings(_ written: String, _ value: Int64) throws {
        let (manifest, issues) = try ManifestText.decoded(ManifestText.manifest(spec: "min_ready_seconds: \(written)"))
        #expect(manifest.spec?.minReadySeconds?.value == value)
        #expect(issues.allSatisfy { $0.message == "invalid value \(value)" })
    }

    @Test(arguments: ["\"0x1F\"", "\"1.5\"", "\" 30\"", "1.5", "thirty"])
    func rejectsIntegersThatAreNotWholeDecimalNumbers(_ written: String) throws {
        let (_, issues) = try ManifestText.decoded(ManifestText.manifest(spec: "min_ready_seconds: \(written)"))
        #expect(issues.map(\.kind) == [.wrongType])
        #expect(issues.first?.hint == "write a whole number such as 30")
    }

    @Test func asksToQuoteANumericImageTag() {
        let text = ManifestText.manifest().replacingOccurrences(of: "tag: \"1.0\"", with: "tag: 1.36")
        #expect(ManifestText.errors(text) == [
            "test.yaml:12:14: error: spec.container.app.image.tag: expected a string, got the number 1.36; quote it: \"1.36\"",
        ])
    }

    /// White space anywhere, ASCII or not, control characters and '/' make a tag invalid; other
    /// characters do not.
    @Test(arguments: [("1.0\\tbeta", false), ("1.0\\u00A0beta", false), ("1.0\\u2003", false), ("v1/2", false),
                      ("1.0\\e[2J", false), ("1.0\\u0007", false), ("1.0\\u009B", false), ("1.0\\u007F", false),
                      ("1.0-béta", true), ("1.0_rc.2", true)])
    func checksImageTagCharacters(_ tag: String, _ valid: Bool) {
        let text = ManifestText.manifest().replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"\(tag)\"")
        #expect(ManifestText.errors(text).contains { $0.contains("invalid image tag") } == !valid, "tag \(tag)")
    }

    /// A control character in the repository (a terminal escape, say) makes it invalid.
    @Test func checksImageRepositoryCharacters() {
        let text = ManifestText.manifest()
        let hostile = text.replacingOccurrences(of: "repo: example.com/agent", with: "repo: \"ex\\e]0;title\\u0007ample.com/agent\"")
        #expect(hostile != text)
        #expect(ManifestText.errors(hostile).contains { $0.contains("invalid image repository") }, "\(ManifestText.errors(hostile))")
        #expect(!ManifestText.errors(text).contains { $0.contains("invalid image repository") })
    }

    @Test func rejectsAQuotedBoolean() {
        #expect(ManifestText.errors(ManifestText.manifest(spec: "create_namespace: \"true\"")) == [
            "test.yaml:14:21: error: spec.create_namespace: expected a boolean, got 'true' (quoted); write true or false without quotes",
        ])
    }

    @Test(arguments: [("yes", true), ("on", true), ("Y", true), ("no", false), ("off", false), ("False", false)])
    func readsYAML11BooleanWords(_ written: String, _ value: Bool) throws {
        let manifest = try ManifestText.read(ManifestText.manifest(spec: "create_namespace: \(written)"))
        #expect(manifest.spec?.createNamespace?.value == value)
    }

    @Test func treatsNullAsAbsent() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(
            spec: "create_namespace: ~\nmin_ready_seconds:\nnode_selector: null\ntolerations: ~"))
        #expect(manifest.spec?.createNamespace == nil)
        #expect(manifest.spec?.minReadySeconds == nil)
        #expect(manifest.spec?.nodeSelector.isEmpty == true)
        #expect(manifest.spec?.tolerations.isEmpty == true)
    }

    @Test func reportsANullRequiredFieldAsMissing() {
        let text = ManifestText.manifest().replacingOccurrences(of: "  namespace:\n    value: monitoring\n", with: "  namespace: null\n")
        #expect(ManifestText.errors(text) == [
            "test.yaml:6:3: error: spec.namespace: required value; write namespace: {value: <name>}",
        ])
    }

    @Test func keepsExplicitZeroAndFalse() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(
            spec: "create_namespace: false\nmin_ready_seconds: 0\nhost_network: false",
            app: "security_context:\n  run_as_user: 0\n  run_as_group: 0\n  privileged: false\n  run_as_non_root: false"))
        let context = try #require(manifest.spec?.container?.app?.securityContext)
        #expect(context.runAsUser?.value == 0)
        #expect(context.runAsGroup?.value == 0)
        #expect(context.privileged?.value == false)
        #expect(context.runAsNonRoot?.value == false)
        #expect(manifest.spec?.createNamespace?.value == false)
        #expect(manifest.spec?.minReadySeconds?.value == 0)
        #expect(manifest.spec?.hostNetwork?.value == false)
    }

    @Test func readsFlatAndNestedHostPaths() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(app: """
            volume_mounts:
              - name: logs
                mount_path: /var/log
                host_path: /var/log
                host_path_type: DirectoryOrCreate
                read_only: true
              - name: state
                mount_path: /state
                host_path:
                  path: /var/state
                  type: Directory
            """))
        let mounts = try #require(manifest.spec?.container?.app?.volumeMounts)
        #expect(mounts.count == 2)
        #expect(mounts[0].hostPath?.path?.value == "/var/log")
        #expect(mounts[0].hostPath?.type?.value == "DirectoryOrCreate")
        #expect(mounts[0].readOnly?.value == true)
        #expect(mounts[1].hostPath?.path?.value == "/var/state")
        #expect(mounts[1].hostPath?.type?.value == "Directory")
        #expect(mounts[1].readOnly == nil)
    }

    @Test func readsEnvVariablesAsBareStringsOrValueMappings() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(
            app: "env:\n  variables:\n    LOG_LEVEL: info\n    PORT: \"9200\"\n    MODE: {value: fast}"))
        let variables = try #require(manifest.spec?.container?.app?.env?.variables)
        #expect(variables.map(\.name.value) == ["LOG_LEVEL", "PORT", "MODE"])
        #expect(variables.map { $0.value.value?.value } == ["info", "9200", "fast"])
    }

    @Test func decodesTheExtensionFields() throws {
        let manifest = try ManifestText.read(ManifestText.manifest(spec: """
            host_network: true
            dns_policy: ClusterFirstWithHostNet
            host_pid: true
            priority_class_name: system-node-critical
            termination_grace_period_seconds: 30
            pod_annotations:
              prometheus.io/scrape: "true"
            init_containers:
              - name: install-cni
                image: docker.io/flannel/flannel-cni-plugin:v1.5.1
                command: [cp, /flannel, /opt/cni/bin/flannel]
                volume_mounts:
                  - name: cni-bin
                    mount_path: /opt/cni/bin
                    host_path: /opt/cni/bin
            """))
        let spec = try #require(manifest.spec)
        #expect(spec.hostNetwork?.value == true)
        #expect(spec.dnsPolicy?.value == "ClusterFirstWithHostNet")
        #expect(spec.hostPID?.value == true)
        #expect(spec.priorityClassName?.value == "system-node-critical")
        #expect(spec.terminationGracePeriodSeconds?.value == 30)
        #expect(spec.podAnnotations.map(\.key.value) == ["prometheus.io/scrape"])
        #expect(spec.initContainers.first?.name?.value == "install-cni")
        #expect(spec.initContainers.first?.command.map(\.value) == ["cp", "/flannel", "/opt/cni/bin/flannel"])
        #expect(spec.initContainers.first?.volumeMounts.first?.hostPath?.path?.value == "/opt/cni/bin")
    }

    @Test func reportsAnUnreadableListItemOnceNotAsAnEmptyList() {
        let text = ManifestText.manifest(app: "liveness_probe:\n  exec:\n    command: [true]")
        #expect(ManifestText.errors(text) == [
            "test.yaml:15:21: error: spec.container.app.liveness_probe.exec.command[0]: expected a string, got the boolean true; quote it: \"true\"",
        ])
    }
}
