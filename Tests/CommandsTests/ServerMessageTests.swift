import APIServerEmulator
import EmulatorTestSupport
import Foundation
import History
import Ledger
import KubeAPI
import ObjectModel
import Testing
import TestSupport

/// The API server's words about a refused object reach the ledger's events and standard error:
/// for a Secret only the code and reason (an admission webhook may quote its data), for anything
/// else the message cut to ``APIStatusError/messageLimit`` characters, control characters escaped.
@Suite struct ServerMessageTests {
    static let token = "W3bh00k-Qu0ted-8d2e"
    static var needles: [String] { [token, Data(token.utf8).base64EncodedString()] }

    @Test func aRefusedSecretsMessageIsNeitherStoredNorPrinted() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let folder = TemporaryFolder.make()
            let manifest = folder.appendingPathComponent("agent.yaml").path
            try AgentManifest.yaml(token: Self.token).write(toFile: manifest, atomically: true, encoding: .utf8)
            let quoted = "data.TOKEN '\(Self.needles[1])' (\(Self.token)) is too weak"
            running.server.injectFaults([.admissionDenied(resource: "secrets", webhook: "policy.example.com", message: quoted)])
            let refused = await cli.run(["apply", "-f", manifest])
            #expect(refused.code == 3, "\(refused.stderr)")
            #expect(refused.stderr.contains("Secret ops/agent-env-secrets"), "\(refused.stderr)")
            #expect(refused.stderr.contains("HTTP 400; its message about a Secret is not kept, as it may quote the Secret's data (BadRequest)"),
                    "\(refused.stderr)")
            #expect(running.server.pendingFaults == 0, "the webhook refused the Secret")
            let history = await cli.run(["history", "agent", "-o", "json"])
            #expect(history.code == 0 && history.stdout.contains("\"failed\""), "\(history.stdout)")
            for output in [refused.stdout, refused.stderr, history.stdout] {
                for needle in Self.needles { #expect(!output.contains(needle), "an output holds '\(needle)'") }
            }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.database))
            for needle in Self.needles { #expect(bytes.range(of: Data(needle.utf8)) == nil, "the ledger file holds '\(needle)'") }
            let events = try await ApplyTraceTests.events(cli.database).map { $0.draft.detail.map(CanonicalJSON.compact) ?? "" }
            #expect(events.contains { $0.contains("is not kept") }, "\(events)")
            for needle in Self.needles { #expect(!events.contains { $0.contains(needle) }, "an event holds '\(needle)'") }
        }
    }

    @Test func anyOtherMessageIsCutAndShownOnOneLine() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let folder = TemporaryFolder.make()
            let manifest = folder.appendingPathComponent("agent.yaml").path
            try AgentManifest.yaml().write(toFile: manifest, atomically: true, encoding: .utf8)
            let page = "<html>\u{1B}]0;owned\u{07}\n" + String(repeating: "p", count: 5_000) + "</html>"
            running.server.injectFaults([.admissionDenied(resource: "configmaps", webhook: "proxy.example.com", message: page)])
            let refused = await cli.run(["apply", "-f", manifest])
            #expect(refused.code == 3, "\(refused.stderr)")
            #expect(refused.stderr.contains("more characters)"), "\(refused.stderr)")
            #expect(!refused.stderr.contains(String(repeating: "p", count: 1_100)), "the message is cut")
            #expect(refused.stderr.contains("<html>\\x1b]0;owned\\x07\\n"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("\u{1B}"), "no raw escape reaches the terminal")
        }
    }

    @Test func aStatusMessageIsCutAtTheLimit() {
        let long = APIStatusError(code: 400, reason: "BadRequest", message: String(repeating: "é", count: 3_000),
                                  causes: [.init(type: "FieldValueInvalid", field: "data", message: String(repeating: "c", count: 2_000))])
        #expect(long.message == String(repeating: "é", count: APIStatusError.messageLimit) + "… (1976 more characters)")
        #expect(long.causes[0].message.hasSuffix("… (976 more characters)"))
        let short = APIStatusError(code: 404, reason: "NotFound", message: "secrets \"x\" not found")
        #expect(short.description == "secrets \"x\" not found (NotFound)")
        #expect(short.withheldMessage.description
                == "the API server answered HTTP 404; its message about a Secret is not kept, as it may quote the Secret's data (NotFound)")
    }
}
