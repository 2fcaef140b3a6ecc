import Foundation
import Testing
import TestSupport

/// `scripts/install --prefix DIR` puts dsledger, its kubectl plugin and its completions in place.
@Suite struct InstallScriptTests {
    @Test func installsTheBinaryTheKubectlPluginAndCompletions() throws {
        let binary = try #require(BuiltBinary.url, "the dsledger executable is not built")
        let prefix = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: prefix) }
        var environment = ProcessInfo.processInfo.environment
        environment["BIN"] = binary.deletingLastPathComponent().path
        let install = try Subprocess.run(CLIHarness.root.appendingPathComponent("scripts/install").path, ["--prefix", prefix.path],
                                         environment: environment, in: CLIHarness.root)
        #expect(install.status == 0, "\(install.stderr)")
        for file in ["bin/dsledger", "share/bash-completion/completions/dsledger", "share/zsh/site-functions/_dsledger",
                     "share/fish/vendor_completions.d/dsledger.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file)")
        }
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/dsledger"), encoding: .utf8)
        #expect(bash.contains("rollback") && bash.contains("complete"))
        // kubectl finds `kubectl-dsledger` on PATH and runs it as `kubectl dsledger`.
        environment["PATH"] = prefix.appendingPathComponent("bin").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let plugin = try Subprocess.run("kubectl", ["dsledger", "--version"], environment: environment)
        #expect(plugin.status == 0, "\(plugin.stderr)")
        #expect(String(decoding: plugin.stdout, as: UTF8.self).hasPrefix("0."))
        let bad = try Subprocess.run(CLIHarness.root.appendingPathComponent("scripts/install").path, ["--bogus"], environment: environment)
        #expect(bad.status == 2 && bad.stderr.contains("--prefix DIR"))
    }
}
