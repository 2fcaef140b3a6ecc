import Foundation
import Testing
import TestSupport

/// The HMAC key file as commands meet it: created private, refused when others may read it or
/// another user owns it, accepted through a symlink (a Kubernetes Secret volume).
@Suite struct KeyFileCommandTests {
    /// A ledger with one revision, its key beside it.
    func recorded() async -> CLIHarness {
        let harness = CLIHarness(stdin: RenderCommandTests.minimal)
        _ = await harness.run(["render", "-f", "-"])
        return harness
    }

    func render(_ harness: CLIHarness) async -> CLIHarness.Result {
        let changed = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"2.0\"")
        return await CLIHarness(stdin: changed, environment: harness.environment).run(["render", "-f", "-"])
    }

    @Test func aGroupReadableKeyIsRefusedWithTheHint() async throws {
        let harness = await recorded()
        let key = harness.database + ".key"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let result = await render(harness)
        #expect(result.code == 2)
        #expect(result.stderr == "\(key): error: the HMAC key may be read by group or others (mode 0644); chmod 600 \(key), "
            + "or, for a key mounted from a Kubernetes Secret, set defaultMode: 0400 on the volume\n")
        let verify = await harness.run(["verify"])
        #expect(verify.code == 2 && verify.stderr.contains("mode 0644"), "verifying with the key refuses it too")
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a file away"))
    func aKeyOwnedByAnotherUserIsRefused() async throws {
        let harness = await recorded()
        let key = harness.database + ".key"
        #expect(chown(key, 65534, 65534) == 0)
        let result = await render(harness)
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix("\(key): error: the HMAC key belongs to another user (uid 65534)"), "\(result.stderr)")
    }

    @Test func aKeyReachedThroughSymlinksWithMode0400IsUsed() async throws {
        let harness = await recorded()
        let key = harness.database + ".key"
        let volume = TemporaryFolder.make().path
        try FileManager.default.createDirectory(atPath: volume + "/..2026_12_04", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: key, toPath: volume + "/..2026_12_04/hmac-key")
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: volume + "/..2026_12_04/hmac-key")
        try FileManager.default.createSymbolicLink(atPath: volume + "/..data", withDestinationPath: "..2026_12_04")
        try FileManager.default.createSymbolicLink(atPath: volume + "/hmac-key", withDestinationPath: "..data/hmac-key")
        var environment = harness.environment
        environment["DSLEDGER_HMAC_KEY_FILE"] = volume + "/hmac-key"
        let changed = RenderCommandTests.minimal.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"2.0\"")
        let result = await CLIHarness(stdin: changed, environment: environment).run(["render", "-f", "-"])
        #expect(result.code == 0, "\(result.stderr)")
    }
}
