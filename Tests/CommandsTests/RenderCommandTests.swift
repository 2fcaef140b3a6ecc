import Foundation
import Testing

@Suite struct RenderCommandTests {
    static let fluentBit = CLIHarness.example("daemonset-log-collector-fluent-bit")

    static let minimal = """
        apiVersion: kubernetes.project-planton.org/v1
        kind: KubernetesDaemonSet
        metadata: {name: agent}
        spec:
          namespace: {value: agents}
          node_selector: {kubernetes.io/os: linux}
          update_strategy: {type: RollingUpdate, rolling_update: {max_unavailable: "10%"}}
          container:
            app:
              image: {repo: example.com/agent, tag: "1.0"}
              resources: {limits: {cpu: 200m, memory: 128Mi}}
              security_context: {run_as_user: 1000, run_as_non_root: true, capabilities: {drop: [ALL]}}
              env:
                secrets:
                  TOKEN: {value: s3cr3t-t0ken}

        """

    @Test func printsObjectsOnStdoutAndFindingsOnStderr() async {
        let result = await CLIHarness().run(["render", "-f", Self.fluentBit])
        #expect(result.code == 0)
        #expect(result.stdout.hasPrefix("---\napiVersion: v1\nkind: Namespace\n"))
        #expect(result.stdout.components(separatedBy: "\n---\n").count == 6)
        #expect(result.stderr.contains("daemonset-log-collector-fluent-bit.yaml:158:9: warning: spec.container.app.security_context: capabilities are not dropped"))
    }

    @Test func printsAV1ListAsJSON() async throws {
        let result = await CLIHarness().run(["render", "-f", Self.fluentBit, "-o", "json"])
        #expect(result.code == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(list["kind"] as? String == "List")
        let kinds = (list["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["Namespace", "ConfigMap", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "DaemonSet"])
    }

    @Test func readsStandardInputAndEveryDocument() async {
        let second = Self.minimal.replacingOccurrences(of: "name: agent", with: "name: agent-two")
        let harness = CLIHarness(stdin: Self.minimal + "---\n" + second)
        let result = await harness.run(["render", "-f", "-"])
        #expect(result.code == 0)
        #expect(result.stdout.contains("kind: DaemonSet\nmetadata:") && result.stdout.contains("name: agent-two\n"))
        #expect(result.stdout.components(separatedBy: "kind: DaemonSet").count == 3)
    }

    @Test func refusesTwoDocumentsThatRenderTheSameObject() async {
        let result = await CLIHarness(stdin: Self.minimal + "---\n" + Self.minimal).run(["render", "-f", "-"])
        #expect(result.code == 2)
        #expect(result.stderr == "dsledger: error: two manifests render the same Secret 'agents/agent-env-secrets'; give each DaemonSet its own name or namespace\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func listsEveryProblemWithFileLineAndPath() async {
        let broken = Self.minimal
            .replacingOccurrences(of: "tag: \"1.0\"", with: "tag: 1.36")
            .replacingOccurrences(of: "max_unavailable: \"10%\"", with: "max_unavailable: \"150%\"")
        let result = await CLIHarness(stdin: broken).run(["render", "-f", "-"])
        #expect(result.code == 2)
        #expect(result.stderr == """
            <stdin>:7:76: error: spec.update_strategy.rolling_update.max_unavailable: invalid value '150%'; a percentage must be from 0% to 100%
            <stdin>:10:45: error: spec.container.app.image.tag: expected a string, got the number 1.36; quote it: "1.36"

            """)
        #expect(result.stdout.isEmpty)
    }

    @Test func neverPrintsSecretValuesExceptInTheRenderedSecret() async {
        let broken = Self.minimal.replacingOccurrences(of: "{value: s3cr3t-t0ken}", with: "{value: s3cr3t-t0ken, secret_ref: {name: x, key: y}}")
        let failed = await CLIHarness(stdin: broken).run(["render", "-f", "-"])
        #expect(failed.code == 2)
        #expect(!failed.stderr.contains("s3cr3t"))
        let numeric = await CLIHarness(stdin: Self.minimal.replacingOccurrences(of: "s3cr3t-t0ken", with: "123456")).run(["render", "-f", "-"])
        #expect(numeric.code == 2 && !numeric.stderr.contains("123456"))
        let rendered = await CLIHarness(stdin: Self.minimal).run(["render", "-f", "-"])
        #expect(rendered.code == 0)
        #expect(!rendered.stdout.contains("s3cr3t") && !rendered.stderr.contains("s3cr3t"))
        #expect(rendered.stdout.contains("TOKEN: \(Data("s3cr3t-t0ken".utf8).base64EncodedString())"))
        let lint = await CLIHarness(stdin: Self.minimal).run(["lint", "-f", "-"])
        #expect(!lint.stdout.contains("s3cr3t") && !lint.stderr.contains("s3cr3t"))
    }

    @Test func rendersAnImagePullSecretFromADockerConfig() async {
        let config = #"{"auths": {"registry.example.com": {"auth": "dXNlcjpwYXNz"}}}"#
        let harness = CLIHarness(files: ["config.json": config], stdin: Self.minimal)
        let result = await harness.run(["render", "-f", "-", "--docker-config", "config.json"])
        #expect(result.code == 0)
        #expect(result.stdout.contains("kind: Secret\nmetadata:") && result.stdout.contains("name: agent-image-pull-secret\n"))
        #expect(result.stdout.contains("type: kubernetes.io/dockerconfigjson"))
        #expect(result.stdout.contains("imagePullSecrets:\n      - name: agent-image-pull-secret"))
        let bad = await CLIHarness(files: ["config.json": #"{"token": "hunter2"}"#], stdin: Self.minimal)
            .run(["render", "-f", "-", "--docker-config", "config.json"])
        #expect(bad.code == 2)
        #expect(bad.stderr == "config.json: error: --docker-config: no 'auths' object; give a Docker config.json such as `docker login` writes\n")
    }

    @Test func reportsAMissingFileInOneLine() async {
        let result = await CLIHarness().run(["render", "-f", "/nonexistent/ds.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr == "/nonexistent/ds.yaml: error: cannot read the file: No such file or directory\n")
    }

    @Test(arguments: [["render"], ["render", "-f", "x.yaml", "--bogus"], ["render", "-f", "x.yaml", "-o", "xml"], ["frobnicate"]])
    func usageErrorsExitTwo(arguments: [String]) async {
        let result = await CLIHarness().run(arguments)
        #expect(result.code == 2)
        #expect(result.stderr.contains("rror"))
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack"))
    }

    @Test(arguments: [["--help"], ["render", "--help"], ["lint", "--help"], ["help", "render"], ["apply", "--help"],
                      ["rollback", "--help"], ["history", "--help"], ["show", "--help"], ["diff", "--help"], ["drift", "--help"],
                      ["blame", "--help"], ["regenerate", "--help"], ["verify", "--help"], ["policy", "set", "--help"],
                      ["policy", "show", "--help"]])
    func helpHasAnExampleAndExitCodes(arguments: [String]) async {
        let result = await CLIHarness().run(arguments)
        #expect(result.code == 0)
        #expect(result.stdout.contains("Example"))
        #expect(result.stdout.contains("dsledger "))
        #expect(result.stdout.contains("Exit codes"))
        #expect(!result.stdout.contains("\\\n"), "a stray line-continuation backslash in the help text")
    }
}
