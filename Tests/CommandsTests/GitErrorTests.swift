@testable import Commands
import Foundation
import Importing
import Testing

/// The import's errors, git's and the pipeline's, in the words and with the code the one report gives.
@Suite struct GitErrorTests {
    @Test func gitErrorsNameTheFileOrTheTool() {
        #expect(GitError.notARepository(file: "deploy/agent.yaml").description
            == "deploy/agent.yaml: error: not inside a git repository")
        #expect(GitError.noFolder(file: "x/agent.yaml", folder: "x").description == "x/agent.yaml: error: no such folder 'x'")
        #expect(GitError.failed("log", message: "fatal: bad revision 'nope'").description
            == "dsledger: error: git log failed: fatal: bad revision 'nope'")
        #expect(GitError.cannotRun("No such file or directory").description
            == "dsledger: error: cannot run git: No such file or directory; install git to import from a repository")
        #expect(GitError.unreadableObject("abc blob").description == "dsledger: error: git cat-file: cannot read 'abc blob'")
        #expect(GitError.notARepository(file: "a") == GitError.notARepository(file: "a"))
        #expect(GitError.notARepository(file: "a").exitStatus == .error)
    }

    @Test func anImportErrorIsReportedOnceWithTheToolsNameAndExitsTwo() {
        let capture = CLIHarness.Capture()
        let context = CommandContext(writeOutput: { _ in Issue.record("nothing on standard output") }, writeError: capture.append,
                                     readFile: { _ in Data() }, readStandardInput: { Data() }, environment: [:])
        let code = ErrorReport.report(ImportError.noValidVersion(file: "agent.yaml"), to: context)
        #expect(code == 2)
        #expect(capture.value == "dsledger: error: no committed version of agent.yaml is a valid manifest; nothing imported\n")
    }
}
