import EmulatorTestSupport
import Foundation
import History
import ObjectModel
import Testing
import TestSupport

/// After a whole life cycle against the emulator — render, apply, a change, live drift of a
/// Secret, diff, blame, regenerate, rollback, and commands that fail — no plaintext secret value
/// (nor its base64) is in the database, its WAL and key files, or any command's output.
@Suite struct SecretLeakTests {
    static let first = "Tok3n-One-9f1c", second = "Tok3n-Two-77ab", live = "L1ve-Dr1ft-42aa"
    static let wrong = "Wr0ng-Supp1ied-5c", password = "D0cker-Pa55-e3"
    static var auth: String { Data("robot:\(password)".utf8).base64EncodedString() }
    static var dockerConfig: String {
        #"{"auths": {"registry.example.com": {"username": "robot", "password": "\#(password)", "auth": "\#(auth)"}}}"#
    }

    /// Every form in which a secret could leak: the values, their base64, the registry auth.
    static var needles: [String] {
        [first, second, live, wrong, password].flatMap { [$0, Data($0.utf8).base64EncodedString()] } + [auth]
    }

    @Test func noSecretValueInTheLedgerFilesOrAnyOutputAfterAFullScenario() async throws {
        try await withAPIServer { running in
            let cli = clusterHarness(running)
            let inputs = TemporaryFolder.make()  // manifests hold the values; keep them away from the ledger
            func file(_ name: String, _ text: String) throws -> String {
                let path = inputs.appendingPathComponent(name).path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let one = try file("one.yaml", AgentManifest.yaml(token: Self.first))
            let two = try file("two.yaml", AgentManifest.yaml(tag: "2.0", token: Self.second, config: "level = debug"))
            let config = try file("config.json", Self.dockerConfig)
            let wrongType = try file("wrong-type.yaml", AgentManifest.yaml(token: "[\(Self.first)]"))
            let misspelt = try file("misspelt.yaml", AgentManifest.yaml(token: "\(Self.first)\n            vaule: \(Self.second)"))
            var outputs: [String] = []
            @discardableResult
            func run(_ arguments: [String], expect code: Int32?, printsObjects: Bool = false) async -> CLIHarness.Result {
                let result = await cli.run(arguments)
                if let code { #expect(result.code == code, "\(arguments): \(result.stderr)") }
                // render prints the Secrets it renders, by design: only its messages count.
                outputs += printsObjects ? [result.stderr] : [result.stdout, result.stderr]
                return result
            }

            let rendered = await run(["render", "-f", one, "--docker-config", config, "-m", "first"], expect: 0, printsObjects: true)
            #expect(rendered.stdout.contains(Data(Self.first.utf8).base64EncodedString()), "the scan looks for the right form")
            await run(["apply", "-f", one, "--docker-config", config], expect: 0)
            await run(["apply", "-f", two, "--docker-config", config, "--dry-run=server"], expect: 0)
            await run(["apply", "-f", two, "--docker-config", config], expect: 0)
            let patch = try running.kubectl("patch", "-n", "ops", "secret/agent-env-secrets", "-p",
                                            #"{"data":{"TOKEN":"\#(Data(Self.live.utf8).base64EncodedString())"}}"#)
            #expect(patch.status == 0, "\(patch.stderr)")
            for arguments in [["drift", "agent"], ["drift", "agent", "-o", "json"], ["drift", "--all"], ["drift", "--all", "-o", "json"]] {
                await run(arguments, expect: 1)
            }
            for format in ["human", "unified", "json"] { await run(["diff", "agent", "1", "2", "--format", format], expect: 1) }
            for arguments in [["history", "agent"], ["history", "agent", "-o", "json"], ["show", "agent", "1"], ["show", "agent", "2", "-o", "json"],
                              ["show", "agent", "1", "--spec"], ["show", "agent", "applied"], ["blame", "agent"], ["blame", "agent", "-o", "json"],
                              ["regenerate", "agent", "1"], ["verify"]] {
                await run(arguments, expect: 0)
            }
            await run(["lint", "-f", one], expect: 1)
            // Commands that fail, with wrong or missing values.
            await run(["regenerate", "agent", "1", "--secret", "TOKEN=\(Self.wrong)"], expect: 2)
            await run(["rollback", "agent", "1", "--secret", "TOKEN=\(Self.wrong)"], expect: 2)
            await run(["rollback", "agent", "1"], expect: 2)
            await run(["render", "-f", wrongType], expect: 2)
            await run(["apply", "-f", misspelt], expect: 2)
            running.server.injectFaults([.unauthorized])
            let refused = await run(["apply", "-f", one, "--docker-config", config], expect: nil)
            #expect(refused.code != 0, "the API server refused the apply")
            // The patch above made kubectl-patch the owner of TOKEN: take it back.
            await run(["rollback", "agent", "1", "--secrets-from", one, "--docker-config", config, "--force-conflicts"], expect: 0)
            await run(["history", "agent", "-o", "json"], expect: 0)
            // Regenerating with the values supplied prints them by design: only its messages count.
            let regenerated = await cli.run(["regenerate", "agent", "1", "--secrets-from", one, "--docker-config", config])
            #expect(regenerated.code == 0, "\(regenerated.stderr)")
            outputs.append(regenerated.stderr)

            for (index, output) in outputs.enumerated() {
                for needle in Self.needles { #expect(!output.contains(needle), "output \(index) holds '\(needle)': \(output.prefix(300))") }
            }
            let ledgerFolder = URL(fileURLWithPath: cli.database).deletingLastPathComponent()
            let files = try Self.scan([ledgerFolder, URL(fileURLWithPath: running.folder)])
            #expect(files.contains { $0.hasSuffix("ledger.db") })
            // Stored bodies are deflated, which a byte scan cannot see into: read every object back.
            let objects = try await SQLiteRevisionStore.open(path: cli.database, create: false).everyObject().map(CanonicalJSON.compact)
            #expect(objects.contains { $0.contains("hmac-sha256:") }, "the sealed Secrets are among them")
            for needle in Self.needles { #expect(!objects.contains { $0.contains(needle) }, "a stored object holds '\(needle)'") }
        }
    }

    /// Scans every file under `folders` for the needles, byte for byte; returns the files read.
    static func scan(_ folders: [URL]) throws -> [String] {
        var read: [String] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let name as String in walker {
                let path = folder.appendingPathComponent(name).path
                guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                read.append(path)
                for needle in needles {
                    #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(path) holds '\(needle)'")
                }
            }
        }
        return read
    }
}
