import Foundation
import KubeAPI
import ObjectModel
import Testing

/// The production runner with real shell-script plugins in a temporary folder.
@Suite(.tags(.medium)) struct ProcessPluginRunnerTests {
    let fixture = KubeconfigFixture()

    @Test func runsAScriptPluginFromTheKubeconfig() async throws {
        try fixture.write("cfg/bin/plugin", """
            #!/bin/sh
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO_OUT"
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
            printf '"status":{"token":"%s-%s"}}' "$1" "$REGION"
            echo "plugin diagnostics go to stderr" >&2
            """, executable: true)
        let file = try fixture.write("cfg/kubeconfig", Sample.config(user: """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./bin/plugin
              args: [from-args]
              env: [{name: REGION, value: eu-west-1}, {name: INFO_OUT, value: \(fixture.path("info.json"))}]
              interactiveMode: Never
              provideClusterInfo: true
            """))
        let connection = try fixture.connection(kubeconfig: file)
        let exec = try #require(connection.exec)
        #expect(exec.command == fixture.path("cfg/bin/plugin"))
        let provider = ExecCredentialProvider(config: exec, connection: connection, environment: ["PATH": "/usr/bin:/bin"],
                                              runner: ProcessPluginRunner.run)
        #expect(try await provider.credential().token == "from-args-eu-west-1")
        let info = try JSONValue(parsingJSON: String(contentsOfFile: fixture.path("info.json"), encoding: .utf8))
        #expect(info["spec"]?["cluster"]?["server"] == "https://dev.example:6443")
        #expect(info["spec"]?["interactive"] == false)
    }

    @Test func failingScriptReportsItsExitCode() async throws {
        let script = try fixture.write("fail.sh", "#!/bin/sh\necho 'no credentials' >&2\nexit 7\n", executable: true)
        let config = ExecPluginConfig(apiVersion: .v1beta1, command: script)
        let provider = ExecCredentialProvider(config: config, connection: Self.connection, environment: [:],
                                              runner: ProcessPluginRunner.run)
        await #expect(throws: KubeconfigError.execPluginFailed(command: script, exitCode: 7)) {
            try await provider.credential()
        }
    }

    @Test func missingCommandOnPathIsNotFound() async {
        let config = ExecPluginConfig(apiVersion: .v1, command: "dsledger-no-such-plugin", installHint: "get it from x",
                                      interactiveMode: .never)
        let provider = ExecCredentialProvider(config: config, connection: Self.connection,
                                              environment: ["PATH": fixture.folder.path], runner: ProcessPluginRunner.run)
        await #expect(throws: KubeconfigError.execPluginNotFound(command: "dsledger-no-such-plugin", installHint: "get it from x")) {
            try await provider.credential()
        }
    }

    static let connection = ClusterConnection(source: .inCluster, server: URL(string: "https://127.0.0.1:6443")!)
}
