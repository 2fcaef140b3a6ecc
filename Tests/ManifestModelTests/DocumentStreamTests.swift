import ManifestModel
import Testing

/// Streams of documents, YAML that cannot be read, and secrets that must never be echoed.
@Suite struct DocumentStreamTests {
    @Test func readsEveryDocumentOfAStream() throws {
        let second = ManifestText.manifest().replacingOccurrences(of: "name: agent", with: "name: second")
        let manifests = try ManifestReader.read("---\n" + ManifestText.manifest() + "\n---\n" + second, file: "two.yaml")
        #expect(manifests.map(\.name) == ["agent", "second"])
        #expect(manifests.map(\.documentIndex) == [0, 1])
    }

    @Test func reportsProblemsFromEveryDocumentInFileOrder() {
        let first = ManifestText.manifest().replacingOccurrences(of: "value: monitoring", with: "value: Monitoring")
        let second = ManifestText.manifest().replacingOccurrences(of: "name: agent", with: "name: -agent")
        #expect(ManifestText.errors(first + "\n---\n" + second) == [
            "test.yaml:7:12: error: spec.namespace.value: invalid value 'Monitoring': must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character",
            "test.yaml:19:9: error: metadata.name: invalid value '-agent': must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character; it names the DaemonSet and is used as a label value",
        ])
    }

    @Test func skipsEmptyDocumentsButNeedsOne() {
        #expect(ManifestText.errors("---\n# only a comment\n---\n") == [
            "test.yaml: error: no manifest in the input; give a KubernetesDaemonSet document",
        ])
        #expect(ManifestText.errors("---\n---\n" + ManifestText.manifest()).isEmpty)
    }

    @Test func reportsASyntaxErrorOnOneLineWithItsPositionAndNoSourceText() {
        let errors = ManifestText.errors("metadata:\n  name: s3cr3t-agent: oops\n")
        #expect(errors == ["test.yaml:2:21: error: invalid YAML: mapping values are not allowed in this context"])
    }

    @Test func neverEchoesSourceTextOfAnUnterminatedSecret() {
        let text = ManifestText.manifest(app: "env:\n  secrets:\n    TOKEN: {value: \"hunter2-secret\n")
        let errors = ManifestText.errors(text)
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { $0.hasPrefix("test.yaml:") && $0.contains(": error: invalid YAML: ") })
        #expect(!errors.joined().contains("hunter2"))
    }

    @Test func refusesAnAliasBombQuickly() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        let start = ContinuousClock.now
        let errors = ManifestText.errors(lines.joined(separator: "\n"))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(errors.count == 1)
        #expect(errors.first?.contains("invalid YAML: the document expands to more than 200000 nodes (too many aliases?)") == true)
    }

    @Test func refusesDuplicateKeysInOneMapping() {
        let text = ManifestText.manifest(spec: "create_namespace: true\ncreate_namespace: false")
        #expect(ManifestText.errors(text).count == 1)
        #expect(ManifestText.errors(text).first?.contains("invalid YAML: duplicate key 'create_namespace' in one mapping") == true)
    }

    /// Secret values written with the wrong type, each of which must never appear in an error.
    static let wrongSecrets: [(written: String, secret: String)] = [
        ("{value: 12345}", "12345"),
        ("{value: 3.14159}", "3.14159"),
        ("{value: yes}", "yes"),
        ("{value: [hunter2]}", "hunter2"),
        ("{value: {password: hunter2}}", "hunter2"),
        ("hunter2", "hunter2"),
        ("98765", "98765"),
    ]

    @Test(arguments: wrongSecrets)
    func neverEchoesAWrongTypedSecretValue(_ written: String, _ secret: String) {
        let errors = ManifestText.errors(ManifestText.manifest(app: "env:\n  secrets:\n    ES_PASSWORD: \(written)"))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("test.yaml:15:") == true)
        #expect(errors.first?.contains("spec.container.app.env.secrets.ES_PASSWORD") == true)
        #expect(!errors.joined().contains(secret))
    }

    @Test func reportsAnUnquotedNumericSecretWithoutItsValue() {
        let errors = ManifestText.errors(ManifestText.manifest(app: "env:\n  secrets:\n    ES_PASSWORD: {value: 12345}"))
        #expect(errors == [
            "test.yaml:15:32: error: spec.container.app.env.secrets.ES_PASSWORD.value: expected a string, got a number; quote the value",
        ])
    }

    @Test func neverEchoesASecretValueNextToOtherProblems() {
        let text = ManifestText.manifest(app: """
            env:
              secrets:
                TOKEN:
                  value: "s3cr3t-token"
                  secret_ref: {name: token, key: token}
                  extra: s3cr3t-extra
            """)
        let errors = ManifestText.errors(text)
        #expect(errors.count == 2)
        #expect(!errors.joined().contains("s3cr3t"))
    }
}
