import Foundation
import Testing

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
}
