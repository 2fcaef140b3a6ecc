import Foundation
import KubeAPI
import ObjectModel
import Testing

/// A runner that answers with canned outputs and records what it was asked to run.
final class FakeRunner: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [Result<ExecPluginOutput, any Error>]
    private var recorded: [ExecPluginInvocation] = []

    init(_ outputs: [Result<ExecPluginOutput, any Error>]) { self.outputs = outputs }

    convenience init(json: String...) {
        self.init(json.map { .success(ExecPluginOutput(exitCode: 0, standardOutput: Data($0.utf8))) })
    }

    var invocations: [ExecPluginInvocation] { lock.withLock { recorded } }

    var run: ExecPluginRunner {
        { invocation in
            try self.lock.withLock {
                self.recorded.append(invocation)
                return try self.outputs.count > 1 ? self.outputs.removeFirst().get() : self.outputs[0].get()
            }
        }
    }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
    var now: @Sendable () -> Date { { self.lock.withLock { self.current } } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

@Suite(.tags(.small)) struct ExecCredentialProviderTests {
    static let v1 = "client.authentication.k8s.io/v1"
    static let v1beta1 = "client.authentication.k8s.io/v1beta1"
    let clock = ManualClock()
    let connection: ClusterConnection = {
        var connection = ClusterConnection(source: .kubeconfig(context: "dev", files: []),
                                           server: URL(string: "https://10.0.0.1:6443")!)
        connection.certificateAuthority = Data(Sample.caPEM.utf8)
        connection.tlsServerName = "kubernetes.default"
        connection.execExtension = ["audience": "dsledger"]
        return connection
    }()

    static func answer(_ version: String = v1, status: String) -> String {
        #"{"apiVersion":"\#(version)","kind":"ExecCredential","status":\#(status)}"#
    }

    func provider(_ config: ExecPluginConfig, _ runner: FakeRunner, terminal: Bool = false) -> ExecCredentialProvider {
        ExecCredentialProvider(config: config, connection: connection, environment: ["PATH": "/usr/bin", "HOME": "/h"],
                               runner: runner.run, now: clock.now, standardInputIsTerminal: terminal)
    }

    @Test func v1TokenWithArgsEnvAndClusterInfo() async throws {
        let config = ExecPluginConfig(apiVersion: .v1, command: "get-token", args: ["--cluster", "dev"],
                                      env: [.init(name: "REGION", value: "eu"), .init(name: "HOME", value: "/other")],
                                      provideClusterInfo: true, interactiveMode: .never)
        let runner = FakeRunner(json: Self.answer(status: #"{"token":"abc"}"#))
        let credential = try await provider(config, runner).credential()
        #expect(credential == ExecCredential(token: "abc"))
        let invocation = try #require(runner.invocations.first)
        #expect(invocation.command == "get-token")
        #expect(invocation.arguments == ["--cluster", "dev"])
        #expect(invocation.passesStandardInput == false)
        #expect(invocation.environment["PATH"] == "/usr/bin")
        #expect(invocation.environment["REGION"] == "eu")
        #expect(invocation.environment["HOME"] == "/other")
        let info = try JSONValue(parsingJSON: try #require(invocation.environment["KUBERNETES_EXEC_INFO"]))
        #expect(info == [
            "apiVersion": .string(Self.v1), "kind": "ExecCredential",
            "spec": ["interactive": false, "cluster": [
                "server": "https://10.0.0.1:6443", "tls-server-name": "kubernetes.default",
                "certificate-authority-data": .string(Sample.base64(Sample.caPEM)), "config": ["audience": "dsledger"],
            ]],
        ])
    }

    @Test func v1beta1ClientCertificateWithoutClusterInfo() async throws {
        let config = ExecPluginConfig(apiVersion: .v1beta1, command: "/opt/plugin")
        let runner = FakeRunner(json: Self.answer(Self.v1beta1, status: """
            {"clientCertificateData":"CERT","clientKeyData":"KEY","expirationTimestamp":"2027-01-15T09:00:00Z"}
            """))
        let credential = try await provider(config, runner, terminal: true).credential()
        #expect(credential.clientCertificate == Data("CERT".utf8))
        #expect(credential.clientKey == Data("KEY".utf8))
        #expect(credential.token == nil)
        #expect(credential.expiration == Date(timeIntervalSince1970: 1_800_003_600))
        let invocation = try #require(runner.invocations.first)
        #expect(invocation.passesStandardInput, "IfAvailable with a terminal is interactive")
        #expect(invocation.environment["KUBERNETES_EXEC_INFO"]
            == #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":true}}"#)
    }

    @Test func cachesUntilExpiryThenRunsAgain() async throws {
        let runner = FakeRunner(json:
            Self.answer(status: #"{"token":"one","expirationTimestamp":"2027-01-15T08:10:00.5Z"}"#),
            Self.answer(status: #"{"token":"two"}"#))
        let provider = provider(ExecPluginConfig(apiVersion: .v1, command: "p", interactiveMode: .never), runner)
        #expect(try await provider.credential().token == "one")
        clock.advance(599)
        #expect(try await provider.credential().token == "one")
        #expect(runner.invocations.count == 1)
        clock.advance(2)
        #expect(try await provider.credential().token == "two")
        clock.advance(1_000_000)
        #expect(try await provider.credential().token == "two", "no expiry: kept for the provider's lifetime")
        #expect(runner.invocations.count == 2)
    }

    @Test func invalidateForcesANewRun() async throws {
        let runner = FakeRunner(json: Self.answer(status: #"{"token":"one"}"#), Self.answer(status: #"{"token":"two"}"#))
        let provider = provider(ExecPluginConfig(apiVersion: .v1, command: "p", interactiveMode: .never), runner)
        #expect(try await provider.credential().token == "one")
        await provider.invalidate()
        #expect(try await provider.credential().token == "two")
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let runner = FakeRunner(json: Self.answer(status: #"{"token":"shared"}"#))
        let provider = provider(ExecPluginConfig(apiVersion: .v1, command: "p", interactiveMode: .never), runner)
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.credential().token } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(tokens == Array(repeating: "shared", count: 8))
        #expect(runner.invocations.count == 1)
    }

    @Test(arguments: [
        (#"not json"#, "returned an unusable ExecCredential: the output is not a JSON object"),
        (ExecCredentialProviderTests.answer(ExecCredentialProviderTests.v1beta1, status: #"{"token":"SECRET-T"}"#),
         "answered with apiVersion 'client.authentication.k8s.io/v1beta1' but was asked for 'client.authentication.k8s.io/v1'"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#,
         "returned an unusable ExecCredential: status is missing"),
        (ExecCredentialProviderTests.answer(status: "{}"), "returned an unusable ExecCredential: status has neither a token nor a client certificate"),
        (ExecCredentialProviderTests.answer(status: #"{"clientCertificateData":"SECRET-C"}"#),
         "returned an unusable ExecCredential: status.clientCertificateData and status.clientKeyData must be given together"),
        (ExecCredentialProviderTests.answer(status: #"{"token":"SECRET-T","expirationTimestamp":"tomorrow"}"#),
         "returned an unusable ExecCredential: status.expirationTimestamp is not an RFC 3339 time"),
    ])
    func rejectsBadOutput(output: String, problem: String) async {
        let runner = FakeRunner(json: output)
        let provider = provider(ExecPluginConfig(apiVersion: .v1, command: "p", interactiveMode: .never), runner)
        let error = await #expect(throws: KubeconfigError.self) { try await provider.credential() }
        let message = error.map { "\($0)" } ?? ""
        #expect(message == "error: exec credential plugin 'p' \(problem)")
        #expect(!message.contains("SECRET"))
    }

    @Test func missingPluginShowsTheInstallHint() async {
        let runner = FakeRunner([.failure(ExecPluginNotFound(command: "aws"))])
        let config = ExecPluginConfig(apiVersion: .v1, command: "aws", installHint: "install the aws cli: https://aws.amazon.com/cli",
                                      interactiveMode: .never)
        await #expect(throws: KubeconfigError.execPluginNotFound(command: "aws", installHint: config.installHint)) {
            try await provider(config, runner).credential()
        }
        #expect(KubeconfigError.execPluginNotFound(command: "aws", installHint: config.installHint).description
            == "error: exec credential plugin 'aws' was not found; install the aws cli: https://aws.amazon.com/cli")
    }

    @Test func nonZeroExitIsAnError() async {
        let runner = FakeRunner([.success(ExecPluginOutput(exitCode: 3, standardOutput: Data("SECRET".utf8)))])
        await #expect(throws: KubeconfigError.execPluginFailed(command: "p", exitCode: 3)) {
            try await provider(ExecPluginConfig(apiVersion: .v1, command: "p", interactiveMode: .never), runner).credential()
        }
        #expect(KubeconfigError.execPluginFailed(command: "p", exitCode: 3).description
            == "error: exec credential plugin 'p' failed with exit code 3; see its messages above")
    }

    @Test func alwaysInteractiveNeedsATerminal() async {
        let runner = FakeRunner(json: Self.answer(status: #"{"token":"x"}"#))
        await #expect(throws: KubeconfigError.execPluginNeedsTerminal(command: "p")) {
            try await provider(ExecPluginConfig(apiVersion: .v1, command: "p", interactiveMode: .always), runner).credential()
        }
        #expect(runner.invocations.isEmpty)
    }
}
