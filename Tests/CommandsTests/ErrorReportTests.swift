@testable import Commands
import Foundation
import KubeAPI
import Ledger
import ObjectModel
import Testing

/// The wording and exit code of each error, from the one place that writes them.
@Suite struct ErrorReportTests {
    static let release = ReleaseID(namespace: "logging", name: "fluent-bit")

    @Test func commandErrorsNameTheToolAndSayWhatToDo() {
        #expect(CommandError.noManifest.description == "dsledger: error: no manifest given; use -f FILE (or -f - for standard input)")
        #expect(CommandError.noRevision(Self.release, "7", latest: 3).description
            == "dsledger: error: logging/fluent-bit has no revision 7 (latest is 3)")
        #expect(CommandError.noRevision(Self.release, "7").description == "dsledger: error: logging/fluent-bit has no revision 7")
        #expect(CommandError.neverApplied(Self.release, context: "prod", comparing: true).description
            == "dsledger: error: logging/fluent-bit was never applied to context 'prod'; apply it first, or compare a saved object with --live FILE")
        #expect(CommandError.ambiguousRelease("agent", namespaces: ["a", "b"]).description
            == "dsledger: error: 'agent' exists in several namespaces (a, b); choose one with -n")
        #expect(CommandError.missingSecretValues([SecretHash(secret: "creds", key: "TOKEN", hmac: "00")], number: 2).description
            == "dsledger: error: no value for 'TOKEN' (Secret creds): the live value no longer matches revision 2's; supply it with --secret-env KEY, --secrets-from FILE (- for standard input) or --docker-config FILE")
    }

    @Test func inputErrorsNameTheFileAndLine() {
        #expect(InputError.notASecretLine("secrets.env", line: 4).description
            == "secrets.env:4: error: expected KEY=VALUE, or a KubernetesDaemonSet manifest")
        #expect(InputError.notAnObject("live.yaml", document: 0).description
            == "live.yaml: error: document 1 is not a Kubernetes object (a mapping)")
        #expect(InputError.notAKey("ledger.db.key", found: 3).description
            == "ledger.db.key: error: not an HMAC key (expected 32 bytes, found 3)")
    }

    @Test func aCopyRefusalSaysNothingWasCopied() {
        let error = LedgerCopyError.destinationAhead(Self.release, source: "a.db", destination: "b.db")
        #expect(error.description == "dsledger: error: logging/fluent-bit has more revisions in b.db than in a.db; nothing was copied")
        #expect(error.exitStatus == .error)
    }

    @Test func errorsAreEqualByTheirCode() {
        #expect(CommandError.noRelease(Self.release) == .noRelease(Self.release))
        #expect(CommandError.noRelease(Self.release) != .notRecorded(Self.release))
        #expect(InputError.notUTF8("a.yaml") != .notUTF8("b.yaml"))
    }

    /// 0 success, 1 a finding, 2 an error; an apply the cluster refused 3, a rollout that timed out 4.
    @Test func eachErrorHasItsExitCode() {
        let object = ObjectIdentity(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "logging", name: "fluent-bit")
        #expect(CommandError.noManifest.exitStatus.rawValue == 2)
        #expect(InputError.notUTF8("a.yaml").exitStatus.rawValue == 2)
        #expect(CommandError.daemonSetGone(namespace: "logging", name: "fluent-bit").exitStatus.rawValue == 3)
        #expect(CommandError.applyFailed(object, .unreachable("connection refused"), applied: [], notApplied: [], recordedAs: nil)
            .exitStatus.rawValue == 3)
        #expect(CommandError.rolloutTimedOut(object, status: "1 of 3").exitStatus.rawValue == 4)
        #expect(StoreError.missing(location: "x.db").exitStatus.rawValue == 2)
    }

    @Test func theReportWritesTheMessageOnceAndReturnsTheCode() {
        let capture = CLIHarness.Capture()
        let context = CommandContext(writeOutput: { _ in Issue.record("nothing on standard output") }, writeError: capture.append,
                                     readFile: { _ in Data() }, readStandardInput: { Data() }, environment: [:])
        let code = ErrorReport.report(CommandError.rolloutTimedOut(
            ObjectIdentity(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "ops", name: "agent"), status: "1 of 3"), to: context)
        #expect(code == 4)
        #expect(capture.value == "dsledger: error: the rollout of DaemonSet ops/agent did not finish within the timeout: 1 of 3\n")
        #expect(ErrorReport.report(ExitStatus.differencesFound, to: context) == 1)
        #expect(capture.value.filter { $0 == "\n" }.count == 1, "a finding writes no error")
    }

    /// A lower module's message with no place of its own (`error: …`) gets the tool's name.
    @Test func aMessageWithoutAPlaceGetsTheToolsName() {
        let error = KubeconfigError.execPluginNeedsTerminal(command: "aws")
        #expect(ErrorReport.placed(error.description)
            == "dsledger: error: exec credential plugin 'aws' has interactiveMode 'Always' but standard input is not a terminal")
        #expect(ErrorReport.placed("a.yaml:3:1: error: bad") == "a.yaml:3:1: error: bad")
    }

    @Test func helpStatesTheExitCodes() async {
        let result = await CLIHarness().run(["--help"])
        for line in ["0  success", "1  differences found", "2  error", "3  apply, rollback:", "4  apply, rollback --wait:"] {
            #expect(result.stdout.contains(line), "\(line)")
        }
    }
}
