import Foundation
import Testing
import TestSupport

/// The real executable in child processes: exit codes and byte-stable output across processes.
@Suite struct BuiltBinaryTests {
    static let examples = [
        "daemonset-log-collector-fluent-bit", "daemonset-network-plugin-flannel", "daemonset-node-monitoring-node-exporter",
        "daemonset-security-agent-falco", "daemonset-storage-local-volume-provisioner", "daemonset-network-plugin-flannel-host-network",
    ]

    @Test(arguments: examples)
    func rendersIdenticalBytesInSeparateProcesses(example: String) throws {
        let path = "examples/\(example).yaml"
        let first = try BuiltBinary.run(["render", "-f", path])
        let second = try BuiltBinary.run(["render", "-f", path])
        #expect(first.code == 0)
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
        let json = try BuiltBinary.run(["render", "-f", path, "-o", "json"])
        let jsonAgain = try BuiltBinary.run(["render", "-f", path, "-o", "json"])
        #expect(json.stdout == jsonAgain.stdout)
    }

    @Test func exitCodesFollowTheContract() throws {
        #expect(try BuiltBinary.run(["lint", "-f", "examples/daemonset-node-monitoring-node-exporter.yaml"]).code == 0)
        #expect(try BuiltBinary.run(["lint", "-f", "examples/daemonset-network-plugin-flannel.yaml"]).code == 1)
        let invalid = try BuiltBinary.run(["render", "-f", "-"], stdin: "apiVersion: v1\n")
        #expect(invalid.code == 2)
        #expect(invalid.stderr.hasPrefix("<stdin>:1:1: error: "))
        let usage = try BuiltBinary.run(["render", "--no-such-flag"])
        #expect(usage.code == 2)
        #expect(try BuiltBinary.run(["--version"]).code == 0)
    }

    /// A kubeconfig in `folder` whose only context, `gone`, names a server nobody listens on.
    static func unreachableKubeconfig(in folder: URL) throws -> String {
        let kubeconfig = folder.appendingPathComponent("kubeconfig").path
        try """
            apiVersion: v1
            kind: Config
            current-context: gone
            clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: abc}}]
            contexts: [{name: gone, context: {cluster: gone, user: u}}]
            """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        return kubeconfig
    }

    @Test func anApplyToAClusterThatCannotBeReachedExitsThreeAndABadKubeconfigTwo() throws {
        let folder = TemporaryFolder.make()
        let kubeconfig = try Self.unreachableKubeconfig(in: folder)
        let database = folder.appendingPathComponent("ledger.db").path
        let environment = ["KUBECONFIG": kubeconfig, "DSLEDGER_DB": database]
        let example = "examples/daemonset-node-monitoring-node-exporter.yaml"
        let unreachable = try BuiltBinary.run(["apply", "-f", example], environment: environment)
        #expect(unreachable.code == 3, "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("127.0.0.1:1"))
        #expect(!unreachable.stderr.contains("abc"), "no token in errors")
        let history = try BuiltBinary.run(["history", "node-exporter"], environment: environment)
        #expect(String(decoding: history.stdout, as: UTF8.self).contains("failed on gone"))
        let badConfig = try BuiltBinary.run(["apply", "-f", example, "--context", "missing"], environment: environment)
        #expect(badConfig.code == 2)
        #expect(badConfig.stderr.contains("missing"))
    }
}

/// The binary carries its migrations: copied alone to another folder, it creates and reads a ledger.
@Suite struct CopiedBinaryTests {
    @Test func worksWhenCopiedAloneToAnotherFolder() throws {
        let built = try #require(BuiltBinary.url, "the dsledger executable is not built; run `swift build` first")
        let folder = TemporaryFolder.make()
        let copy = folder.appendingPathComponent("dsledger")
        try FileManager.default.copyItem(at: built, to: copy)
        let manifest = try String(contentsOf: CLIHarness.root.appendingPathComponent("examples/daemonset-node-monitoring-node-exporter.yaml"),
                                  encoding: .utf8)
        let database = folder.appendingPathComponent("ledger.db").path
        let render = try Subprocess.run(copy.path, ["render", "-f", "-", "--db", database], stdin: manifest, in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stderr.hasPrefix("recorded monitoring/node-exporter revision 1"))
        let history = try Subprocess.run(copy.path, ["history", "node-exporter", "--db", database], in: folder)
        #expect(history.status == 0)
        #expect(String(decoding: history.stdout, as: UTF8.self).contains("quay.io/prometheus/node-exporter:v1.8.2"))
    }
}
