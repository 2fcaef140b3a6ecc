@testable import Commands
import Foundation
import Testing
import TestSupport

/// The author of a recording command from git's identity, with one git process.
@Suite struct GitUserTests {
    @Test func theIdentityOfTheWorkTreeIsNameAndEmailFromItsConfig() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nested = folder.appendingPathComponent("deploy/agents")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        for arguments in [["init", "-q"], ["config", "user.name", "Ada Lovelace"], ["config", "user.email", "ada@example.com"]] {
            #expect(try Subprocess.run("git", ["-C", folder.path] + arguments).status == 0)
        }
        #expect(GitUser.lookup(nested.path) == "Ada Lovelace <ada@example.com>")
        #expect(GitUser.isInWorkTree(nested.path))
    }

    @Test func outsideAWorkTreeThereIsNoGitIdentityAndNoGitProcess() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(!GitUser.isInWorkTree(folder.path))
        #expect(GitUser.lookup(folder.path) == nil)
    }

    @Test(arguments: [
        ("Ada Lovelace <ada@example.com> 1733300000 +0000\n", "Ada Lovelace <ada@example.com>"),
        ("Ada <a@b> 1 -0130", "Ada <a@b>"),
        (" <ada@example.com> 1733300000 +0000", nil),
        ("garbage", nil),
    ] as [(String, String?)])
    func anIdentLineGivesNameAndEmail(line: String, expected: String?) {
        #expect(GitUser.identity(line) == expected)
    }

    @Test func aChildProcessGivesItsOutputAndNilOnFailure() {
        #expect(ChildProcess.output(["sh", "-c", "printf 'one\\ntwo'"]).map { String(decoding: $0, as: UTF8.self) } == "one\ntwo")
        #expect(ChildProcess.output(["sh", "-c", "exit 3"]) == nil)
        #expect(ChildProcess.output(["no-such-program-dsledger"]) == nil)
        // Output without end is cut off and the child killed, not waited for.
        #expect(ChildProcess.output(["yes"]) == nil)
    }
}
