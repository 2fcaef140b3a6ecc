import Testing

@Suite struct LintCommandTests {
    @Test func cleanManifestExitsZeroSilently() async {
        let result = await CLIHarness().run(["lint", "-f", CLIHarness.example("daemonset-node-monitoring-node-exporter")])
        #expect(result.code == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test func findingsExitOne() async {
        let file = CLIHarness.example("daemonset-network-plugin-flannel")
        let result = await CLIHarness().run(["lint", "-f", file])
        #expect(result.code == 1)
        #expect(result.stdout.contains("\(file):98:21: warning: spec.container.app.security_context.privileged: runs privileged"))
    }

    @Test func invalidManifestExitsTwo() async {
        let result = await CLIHarness(stdin: "kind: KubernetesDaemonSet\n").run(["lint", "-f", "-"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("<stdin>:1:1: error: apiVersion: required value"))
    }
}
