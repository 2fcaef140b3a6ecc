import Linting
import ManifestModel
import Testing

@Suite struct LinterTests {
    static func manifest(_ spec: String) throws -> Manifest {
        let text = """
            apiVersion: kubernetes.project-planton.org/v1
            kind: KubernetesDaemonSet
            metadata: {name: agent}
            spec:
              namespace: {value: agents}
            \(spec)
            """
        return try #require(try ManifestReader.read(text, file: "agent.yaml").first)
    }

    /// A manifest that follows every best practice.
    static let clean = """
          node_selector: {kubernetes.io/os: linux}
          update_strategy: {type: RollingUpdate, rolling_update: {max_unavailable: "10%"}}
          container:
            app:
              image: {repo: example.com/agent, tag: "1.2.3"}
              resources: {limits: {cpu: 200m, memory: 128Mi}, requests: {cpu: 50m, memory: 64Mi}}
              volume_mounts:
                - {name: logs, mount_path: /var/log, read_only: true, host_path: {path: /var/log, type: Directory}}
                - {name: state, mount_path: /var/lib/agent, host_path: {path: /var/lib/agent, type: DirectoryOrCreate}}
              security_context: {run_as_user: 65534, run_as_non_root: true, capabilities: {drop: [ALL]}}
        """

    @Test func cleanManifestHasNoFindings() throws {
        #expect(Linter.findings(in: try Self.manifest(Self.clean)).isEmpty)
    }

    @Test func reportsEveryBestPracticeWithPathAndLine() throws {
        let manifest = try Self.manifest("""
              update_strategy: {type: RollingUpdate, rolling_update: {max_unavailable: "60%"}}
              container:
                app:
                  image: {repo: example.com/agent, tag: latest}
                  volume_mounts:
                    - {name: dev, mount_path: /dev, host_path: {path: /dev, type: Directory}}
                  security_context: {privileged: true, run_as_user: 0}
            """)
        let lines = Linter.findings(in: manifest).map { $0.formatted(file: "agent.yaml") }
        #expect(lines == [
            "agent.yaml:5:3: warning: spec.node_selector: no node_selector; pods land on every node, set at least kubernetes.io/os: linux [node-selector]",
            "agent.yaml:6:76: warning: spec.update_strategy.rolling_update.max_unavailable: max_unavailable '60%' takes down more than half of the nodes' agents at once [rolling-update]",
            "agent.yaml:9:7: warning: spec.container.app.resources: no cpu limit; dsledger applies the default '1000m', set one sized for this agent [resource-limits]",
            "agent.yaml:9:7: warning: spec.container.app.resources: no memory limit; dsledger applies the default '1Gi', set one sized for this agent [resource-limits]",
            "agent.yaml:9:45: warning: spec.container.app.image.tag: tag 'latest' changes under the same manifest; pin a version [pinned-image]",
            "agent.yaml:11:11: warning: spec.container.app.volume_mounts[0].read_only: host path '/dev' is mounted writable; set read_only: true unless the agent writes there [read-only-host-path]",
            "agent.yaml:12:38: warning: spec.container.app.security_context.privileged: runs privileged, with full access to the node; grant only the capabilities it needs [privileged]",
            "agent.yaml:12:57: warning: spec.container.app.security_context.run_as_user: runs as root (run_as_user: 0); use a non-root user unless the agent needs root [run-as-non-root]",
        ])
    }

    @Test func flagsMissingStrategyOnDeleteAndMissingSecurityContext() throws {
        let missing = try Self.manifest("""
              node_selector: {kubernetes.io/os: linux}
              container:
                app:
                  image: {repo: example.com/agent, tag: "1"}
                  resources: {limits: {cpu: "1", memory: 1Gi}}
            """)
        #expect(Linter.findings(in: missing).map(\.rule) == ["rolling-update", "drop-capabilities", "run-as-non-root"])
        let onDelete = try Self.manifest(Self.clean.replacingOccurrences(
            of: #"{type: RollingUpdate, rolling_update: {max_unavailable: "10%"}}"#, with: "{type: OnDelete}"))
        #expect(Linter.findings(in: onDelete).map(\.rule) == ["rolling-update"])
    }

    @Test func writableHostPathsThatCreateSomethingAreExpected() throws {
        let manifest = try Self.manifest(Self.clean.replacingOccurrences(of: "type: Directory}", with: "type: Socket}")
            .replacingOccurrences(of: "read_only: true, ", with: ""))
        #expect(Linter.findings(in: manifest).isEmpty)
    }
}
